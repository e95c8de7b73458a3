// Progressive enhancement of a procedure's cases (trường hợp): a choice at the top
// shows only what applies to the chosen case (and prints only that). Without JavaScript the page lists
// every case in its own anchored section, which stays the fallback.
(function () {
  "use strict";
  var picker = document.getElementById("truong-hop");
  if (!picker || !document.querySelector) { return; }
  var cases = Array.prototype.slice.call(document.querySelectorAll("section.case[id]"));
  var general = Array.prototype.slice.call(document.querySelectorAll("[data-case-general]"));
  if (!cases.length) { return; }

  var holder = document.createElement("div");
  holder.className = "case-holder";
  cases.forEach(function (section) { holder.appendChild(section); });

  var form = document.createElement("fieldset");
  form.className = "case-picker";
  var legend = document.createElement("legend");
  legend.textContent = "Chọn trường hợp của bạn";
  form.appendChild(legend);

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
    wrap.appendChild(input);
    wrap.appendChild(text);
    form.appendChild(wrap);
    input.addEventListener("change", function () { show(value, true); });
  }

  var wanted = window.location.hash.slice(1);
  var start = cases.some(function (s) { return s.id === wanted; }) ? wanted : "chung";
  option("chung", "Xem tất cả: trường hợp chung và các trường hợp riêng", start === "chung");
  cases.forEach(function (section) {
    var title = section.querySelector("h2");
    var name = title ? title.lastChild.textContent.trim() : section.id;
    option(section.id, name, start === section.id);
  });

  var status = document.createElement("p");
  status.className = "case-status";
  status.setAttribute("aria-live", "polite");

  var list = picker.querySelector(".case-links");
  if (list) { list.hidden = true; }
  picker.appendChild(form);
  picker.appendChild(status);
  picker.appendChild(holder);

  function show(value, fromUser) {
    // "chung" shows everything, as without JavaScript; a case shows only itself.
    cases.forEach(function (section) { section.hidden = value !== "chung" && section.id !== value; });
    general.forEach(function (block) { block.hidden = value !== "chung"; });
    var chosen = document.getElementById("chon-" + value);
    status.textContent = value === "chung"
      ? "Đang hiển thị trường hợp chung và tất cả các trường hợp riêng."
      : "Đang hiển thị hồ sơ, cách nộp và điều kiện của trường hợp: " + chosen.nextSibling.textContent + ".";
    if (fromUser && window.history && window.history.replaceState) {
      window.history.replaceState(null, "", value === "chung" ? "#truong-hop" : "#" + value);
    }
  }
  show(start, false);
}());
