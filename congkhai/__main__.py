import logging
import os
import sys

from .cli import main

code = main()
# A build leaves about a million objects behind (the validated data, the catalog, the pages): freeing
# them one by one as the interpreter shuts down took over a second at 5,000 procedures. Everything
# has been written and closed by now; flush what is buffered and leave.
logging.shutdown()
sys.stdout.flush()
sys.stderr.flush()
os._exit(int(code or 0))
