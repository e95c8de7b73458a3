// Progressive enhancement for the 404 page: when the address looks like a
// procedure page (thu-tuc/<code>/), say which code was asked for and put it
// in the search box at the top. Without JavaScript the page still lists its links.
(function () {
  "use strict";
  var match = /\/thu-tuc\/(\d+\.\d{6})(\/|$)/.exec(window.location.pathname);
  if (!match) {
    return;
  }
  var note = document.getElementById("ma-cu");
  note.querySelector("[data-code]").textContent = match[1];
  note.hidden = false;
  document.getElementById("tim-nhanh").value = match[1];
})();
