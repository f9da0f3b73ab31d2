// Progressive enhancement only: every page reads and works without this file.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-copy]");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    navigator.clipboard.writeText(link.dataset.copy).then(function () {
      var label = link.textContent;
      link.textContent = "Link copied";
      link.setAttribute("aria-live", "polite");
      setTimeout(function () { link.textContent = label; }, 2500);
    }, function () {
      window.location.href = link.href;
    });
  });
})();
