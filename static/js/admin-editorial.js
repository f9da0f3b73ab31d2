// Admin helpers for the story form: length counters and tag suggestions.
(function () {
  "use strict";

  function counter(field) {
    var limit = parseInt(field.dataset.counter, 10);
    var note = document.createElement("div");
    note.className = "length-counter";
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
    function update() {
      var length = field.value.length;
      note.textContent = length + " / " + limit + " characters" +
        (length > limit ? " (longer than search engines show)" : "");
      note.classList.toggle("length-counter--over", length > limit);
    }
    field.addEventListener("input", update);
    update();
  }

  function tagSuggestions(field) {
    var list = document.createElement("datalist");
    list.id = field.id + "-suggestions";
    field.setAttribute("list", list.id);
    field.setAttribute("autocomplete", "off");
    field.insertAdjacentElement("afterend", list);
    var timer = null;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var parts = field.value.split(",");
        var term = parts.pop().trim();
        var before = parts.map(function (p) { return p.trim(); }).filter(Boolean);
        if (!term) { list.replaceChildren(); return; }
        fetch(field.dataset.tagSuggestions + "?q=" + encodeURIComponent(term), {credentials: "same-origin"})
          .then(function (response) { return response.json(); })
          .then(function (data) {
            list.replaceChildren.apply(list, data.tags.map(function (name) {
              var option = document.createElement("option");
              var quoted = name.indexOf(",") >= 0 || name.indexOf(" ") >= 0 ? '"' + name + '"' : name;
              option.value = before.concat([quoted]).join(", ");
              return option;
            }));
          });
      }, 150);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-counter]").forEach(counter);
    document.querySelectorAll("[data-tag-suggestions]").forEach(tagSuggestions);
  });
})();

// Focal point: clicking the picture sets focal_x and focal_y (0 to 1).
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("[data-focal-picker]").forEach(function (picker) {
    var image = picker.querySelector("img");
    var dot = picker.querySelector(".focal-picker__dot");
    var x = document.getElementById("id_focal_x");
    var y = document.getElementById("id_focal_y");
    if (!x || !y) return;
    image.addEventListener("click", function (event) {
      var box = image.getBoundingClientRect();
      var fx = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
      var fy = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
      x.value = fx.toFixed(3);
      y.value = fy.toFixed(3);
      dot.style.left = (fx * 100) + "%";
      dot.style.top = (fy * 100) + "%";
    });
  });
});
