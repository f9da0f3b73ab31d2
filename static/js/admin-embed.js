// The body editor's "Social post" tool: paste a TikTok, Instagram, YouTube or X
// address and it goes into the story as a paragraph of its own (which the site shows
// as a card), with a link to describe the post: a poster from the picture library,
// the author's name and the first line, which readers see before they load anything.
(function () {
  "use strict";
  var POST = [
    /^https?:\/\/(www\.|m\.)?tiktok\.com\/@[A-Za-z0-9_.]{1,64}\/video\/[0-9]{15,21}\/?(\?.*)?$/,
    /^https?:\/\/(www\.)?instagram\.com\/(p|reel)\/[A-Za-z0-9_-]{5,40}\/?(\?.*)?$/,
    /^https?:\/\/((www\.|m\.)?youtube\.com\/(watch\?.*v=|shorts\/)|youtu\.be\/)[A-Za-z0-9_-]{11}/,
    /^https?:\/\/(www\.|mobile\.)?(x|twitter)\.com\/[A-Za-z0-9_]{1,15}\/status\/[0-9]{1,20}\/?(\?.*)?$/
  ];

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function build(tools, editor) {
    var dialog = document.createElement("dialog");
    dialog.className = "post-tool";
    dialog.setAttribute("aria-labelledby", "post-tool-title");
    dialog.innerHTML =
      '<h2 id="post-tool-title">Social post</h2>' +
      '<form method="dialog" novalidate><div class="post-tool__field">' +
      '<label for="post-tool-address">The post\'s address (TikTok, Instagram, YouTube or X)</label>' +
      '<input id="post-tool-address" type="url" required></div>' +
      '<p class="post-tool__error" role="alert"></p>' +
      '<p><button type="submit" class="button default">Insert the post</button> ' +
      '<button type="button" class="button" data-close>Close</button></p></form>' +
      '<p class="post-tool__describe" hidden>Inserted. Readers see a card with a button until they load the player: ' +
      '<a target="_blank" rel="noopener">describe the post</a> (poster, author, first line) in a new tab.</p>';
    var input = dialog.querySelector("input");
    var error = dialog.querySelector(".post-tool__error");
    var describe = dialog.querySelector(".post-tool__describe");
    dialog.querySelector("[data-close]").addEventListener("click", function () { dialog.close(); });
    dialog.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var address = input.value.trim();
      if (!POST.some(function (pattern) { return pattern.test(address); })) {
        error.textContent = "That is not the address of a TikTok, Instagram, YouTube or X post.";
        input.focus();
        return;
      }
      error.textContent = "";
      var safe = escapeHtml(address);
      editor.chain().focus().insertContent('<p><a href="' + safe + '">' + safe + "</a></p>").run();
      describe.querySelector("a").href = tools.dataset.postDescribeUrl + "?address=" + encodeURIComponent(address);
      describe.hidden = false;
      describe.querySelector("a").focus();
    });
    document.body.appendChild(dialog);
    return dialog;
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor;
    var root = event.detail.textarea.closest(".prose-editor");
    var tools = document.getElementById("story-editor-tools");
    if (!root || !tools || !tools.dataset.postDescribeUrl) return;
    var dialog = null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "post-tool__insert";
    button.textContent = "Social post";
    button.addEventListener("click", function () {
      dialog = dialog || build(tools, editor);
      dialog.querySelector(".post-tool__describe").hidden = true;
      dialog.querySelector("input").value = "";
      dialog.showModal();
      dialog.querySelector("input").focus();
    });
    var tries = 0;
    (function place() {
      var menubar = root.querySelector(".prose-menubar:not(.prose-menubar--floating)");
      if (menubar) { menubar.appendChild(button); return; }
      if (++tries < 20) { requestAnimationFrame(place); }
    })();
  });
})();
