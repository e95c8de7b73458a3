"""What is printed and taped up: the desk sheet of each procedure, cut to fit two A4 pages (desk_sheet.py),
the posters of the pages the settings name, both as pages (pages.py), and their QR codes (qr.py).
"""
