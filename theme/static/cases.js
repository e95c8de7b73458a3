// Progressive enhancement of a procedure's cases (trường hợp). Without JavaScript the page shows the
// normal case in its sections and lists every other case in its own section at the end, which stays
// the fallback. With it, a choice replaces the list of links: "Trường hợp thông thường" (chosen at
// first) or one case. Each part a case has of its own (documents, channels, conditions) is moved next
// to the normal case's part in the page's own section, and shown instead of it only when that case is
// chosen; the normal case's content is never pushed down.
(function () {
  "use strict";
  var picker = document.getElementById("truong-hop");
  if (!picker || !document.querySelector) { return; }
  var cases = Array.prototype.slice.call(document.querySelectorAll("section.case[id]"));
  if (!cases.length) { return; }
  var NORMAL = "thong-thuong";

  var general = {};
  Array.prototype.forEach.call(document.querySelectorAll("[data-case-general]"), function (block) {
    general[block.getAttribute("data-case-general")] = block;
  });

  var status = document.createElement("div");
  status.className = "case-status";
  status.setAttribute("aria-live", "polite");

  // A case's own parts, moved beside the normal case's; its description goes under the choice.
  var own = [];
  cases.forEach(function (section) {
    Array.prototype.slice.call(section.querySelectorAll("[data-case-part]")).forEach(function (part) {
      var name = part.getAttribute("data-case-part");
      var beside = general[name];
      if (name === "mo-ta") {
        status.appendChild(part);
      } else if (beside) {
        beside.parentNode.insertBefore(part, beside.nextSibling);
      } else {
        return;
      }
      own.push({ part: part, name: name, of: section.id });
    });
    section.hidden = true;
  });

  var form = document.createElement("fieldset");
  form.className = "case-picker";
  var legend = document.createElement("legend");
  // The section's heading already asks; the legend names the group for screen readers.
  legend.className = "visually-hidden";
  legend.textContent = "Chọn trường hợp của bạn";
  form.appendChild(legend);
  var labels = {};

  function option(value, label, checked) {
    var wrap = document.createElement("div");
    wrap.className = "case-option";
    var input = document.createElement("input");
    input.type = "radio";
    input.name = "truong-hop";
    input.id = "chon-" + value;
    input.value = value;
    input.checked = checked;
    var text = document.createElement("label");
    text.htmlFor = input.id;
    text.textContent = label;
    labels[value] = label;
    wrap.appendChild(input);
    wrap.appendChild(text);
    form.appendChild(wrap);
    input.addEventListener("change", function () { show(value, true); });
  }

  var wanted = window.location.hash.slice(1);
  var start = cases.some(function (s) { return s.id === wanted; }) ? wanted : NORMAL;
  option(NORMAL, "Trường hợp thông thường", start === NORMAL);
  cases.forEach(function (section) {
    var title = section.querySelector("h2");
    var name = title ? title.lastChild.textContent.trim() : section.id;
    option(section.id, name, start === section.id);
  });

  var intro = picker.querySelector("p");
  var list = picker.querySelector(".case-links");
  if (intro) { intro.hidden = true; }
  if (list) { list.hidden = true; }
  picker.appendChild(form);
  picker.appendChild(status);

  var message = document.createElement("p");
  message.className = "case-message";
  status.insertBefore(message, status.firstChild);

  function show(value, fromUser) {
    var replaced = {};
    own.forEach(function (item) {
      var mine = item.of === value;
      item.part.hidden = !mine;
      if (mine) { replaced[item.name] = true; }
    });
    Object.keys(general).forEach(function (name) { general[name].hidden = !!replaced[name]; });
    // Said when the choice changes; at first the heading and the chosen option say it already.
    message.textContent = !fromUser && value === NORMAL ? ""
      : "Trang đang hiển thị hồ sơ, thời hạn, phí và điều kiện của " +
        (value === NORMAL ? "trường hợp thông thường." : "trường hợp: " + labels[value] + ".");
    if (fromUser && window.history && window.history.replaceState) {
      window.history.replaceState(null, "", value === NORMAL ? "#truong-hop" : "#" + value);
    }
  }
  show(start, false);
  // An address ending in a case's anchor opens on the choice: the case's own section is hidden.
  if (start !== NORMAL) { picker.scrollIntoView(); }
}());
