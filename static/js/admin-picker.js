// The picture picker: a dialog with the library as thumbnails, a search by title or
// alt text and an upload with alt text required. It inserts a picture into the body
// editor (the same <figure> the editor writes) and fills the hero and social picture
// fields. The endpoints are named on #story-editor-tools (the story change form).
(function () {
  "use strict";
  if (window.doggyPicturePicker) return;  // loaded by two media lists

  var dialog = null;
  var state = {url: "", uploadUrl: "", page: 1, query: "", onChoose: null, timer: null};

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  function csrfToken() {
    var field = document.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function field(id, label, input, help) {
    input.id = id;
    var children = [el("label", {"for": id, text: label}), input];
    if (help) children.push(el("span", {"class": "picture-picker__help", text: help}));
    return el("div", {"class": "picture-picker__field"}, children);
  }

  function build() {
    dialog = el("dialog", {"class": "picture-picker", "aria-labelledby": "picture-picker-title"});
    var close = el("button", {type: "button", "class": "button picture-picker__close", text: "Close"});
    close.addEventListener("click", function () { dialog.close(); });
    var search = el("input", {type: "search", name: "q", autocomplete: "off"});
    search.addEventListener("input", function () {
      clearTimeout(state.timer);
      state.timer = setTimeout(function () { state.query = search.value.trim(); load(1); }, 250);
    });
    var previous = el("button", {type: "button", "class": "button", "data-page": "previous", text: "Previous"});
    var next = el("button", {type: "button", "class": "button", "data-page": "next", text: "Next"});
    previous.addEventListener("click", function () { load(state.page - 1); });
    next.addEventListener("click", function () { load(state.page + 1); });

    var upload = el("form", {"class": "picture-picker__upload", novalidate: ""}, [
      el("h3", {id: "picture-picker-upload-title", text: "Upload a new picture"}),
      field("picture-picker-file", "Photo (JPEG, PNG, WebP or GIF)", el("input", {type: "file", name: "file", accept: "image/jpeg,image/png,image/webp,image/gif", required: ""})),
      field("picture-picker-alt", "Alt text (required)", el("input", {type: "text", name: "alt", maxlength: "250", required: ""}), "What the picture shows, for readers who cannot see it."),
      field("picture-picker-title-field", "Title", el("input", {type: "text", name: "title", maxlength: "200"}), "Optional; the alt text is used if empty."),
      field("picture-picker-caption", "Caption", el("input", {type: "text", name: "caption", maxlength: "300"})),
      field("picture-picker-credit", "Credit", el("input", {type: "text", name: "credit", maxlength: "200"})),
      el("p", {"class": "picture-picker__error", role: "alert"}),
      el("button", {type: "submit", "class": "button default", text: "Upload and use"}),
    ]);
    upload.setAttribute("aria-labelledby", "picture-picker-upload-title");
    upload.addEventListener("submit", send);

    dialog.appendChild(el("div", {"class": "picture-picker__head"}, [
      el("h2", {id: "picture-picker-title", text: "Choose a picture"}), close,
    ]));
    dialog.appendChild(el("div", {"class": "picture-picker__search", role: "search"}, [
      field("picture-picker-search", "Search by title or alt text", search),
    ]));
    dialog.appendChild(el("p", {"class": "picture-picker__status", role: "status", "aria-live": "polite"}));
    dialog.appendChild(el("ul", {"class": "picture-picker__grid", "aria-label": "Pictures"}));
    dialog.appendChild(el("div", {"class": "picture-picker__pages"}, [previous, next]));
    dialog.appendChild(upload);
    document.body.appendChild(dialog);
  }

  function load(page) {
    var status = dialog.querySelector(".picture-picker__status");
    var address = state.url + "?page=" + page + (state.query ? "&q=" + encodeURIComponent(state.query) : "");
    status.textContent = "Loading pictures…";
    return fetch(address, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.error) { status.textContent = data.error; return; }
        state.page = data.page;
        var grid = dialog.querySelector(".picture-picker__grid");
        grid.replaceChildren.apply(grid, data.results.map(tile));
        status.textContent = data.count
          ? data.count + (data.count === 1 ? " picture" : " pictures") +
            (data.pages > 1 ? ", page " + data.page + " of " + data.pages : "")
          : (state.query ? "No pictures match “" + state.query + "”." : "The library is empty: upload a picture below.");
        dialog.querySelector("[data-page=previous]").disabled = !data.has_previous;
        dialog.querySelector("[data-page=next]").disabled = !data.has_next;
      })
      .catch(function () { status.textContent = "The pictures could not be loaded. Try again."; });
  }

  function tile(picture) {
    var button = el("button", {type: "button", "class": "picture-picker__tile", "data-picture-id": String(picture.id)}, [
      el("img", {src: picture.thumb, alt: "", width: String(picture.thumb_width), height: String(picture.thumb_height), loading: "lazy"}),
      el("span", {"class": "picture-picker__title", text: picture.title}),
      el("span", {"class": "picture-picker__alt", text: picture.alt}),
    ]);
    button.addEventListener("click", function () { choose(picture); });
    return el("li", {}, [button]);
  }

  function choose(picture) {
    var done = state.onChoose;
    dialog.close();
    if (done) done(picture);
  }

  function send(event) {
    event.preventDefault();
    var form = event.target;
    var error = form.querySelector(".picture-picker__error");
    var submit = form.querySelector("[type=submit]");
    if (!form.elements.alt.value.trim()) {
      error.textContent = "Write the alt text: what the picture shows, for readers who cannot see it.";
      form.elements.alt.focus();
      return;
    }
    error.textContent = "";
    submit.disabled = true;
    fetch(state.uploadUrl, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: {"X-CSRFToken": csrfToken(), Accept: "application/json"},
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.picture) { form.reset(); choose(data.picture); } else { error.textContent = data.error; }
      })
      .catch(function () { error.textContent = "The upload failed. Check the connection and try again."; })
      .finally(function () { submit.disabled = false; });
  }

  function open(onChoose) {
    var tools = document.getElementById("story-editor-tools");
    if (!tools) return;
    if (!dialog) build();
    state.url = tools.dataset.pickerUrl;
    state.uploadUrl = tools.dataset.uploadUrl || "";
    dialog.querySelector(".picture-picker__upload").hidden = !state.uploadUrl;
    state.onChoose = onChoose;
    dialog.showModal();
    dialog.querySelector("input[type=search]").focus();
    load(1);
  }

  // The body editor: a "Picture" button in its menu bar inserts a library figure.
  function figureHtml(picture) {
    var caption = picture.caption
      ? '<figcaption class="figure-caption">' + escapeHtml(picture.caption) + "</figcaption>" : "";
    return '<figure class="figure"><img src="' + escapeHtml(picture.src) + '" alt="' +
      escapeHtml(picture.alt) + '">' + caption + "</figure>";
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor;
    var root = event.detail.textarea.closest(".prose-editor");
    if (!root || !document.getElementById("story-editor-tools")) return;
    var button = el("button", {type: "button", "class": "picture-picker__insert", text: "Picture from library"});
    button.addEventListener("click", function () {
      open(function (picture) { editor.chain().focus().insertContent(figureHtml(picture)).run(); });
    });
    // The menu bar is drawn once the editor's view is up, a frame or two later.
    var tries = 0;
    (function place() {
      var menubar = root.querySelector(".prose-menubar:not(.prose-menubar--floating)");
      if (menubar) { menubar.appendChild(button); return; }
      if (++tries < 20) { requestAnimationFrame(place); return; }
      root.insertAdjacentElement("afterend", el("div", {"class": "picture-picker__below"}, [button]));
    })();
  });

  // The hero and social picture fields: a preview and "Choose picture" over the number.
  function enhance(box) {
    var input = box.querySelector("input");
    var preview = box.querySelector(".picture-choice__preview");
    box.classList.add("picture-choice--enhanced");
    box.querySelector(".picture-choice__buttons").hidden = false;
    function show(picture) {
      input.value = picture ? picture.id : "";
      input.dispatchEvent(new Event("change", {bubbles: true}));
      preview.replaceChildren();
      // The hero field says when a picture's shape will be cropped (articles/admin/crops.py).
      var note = box.querySelector(".crop-note");
      if (note) note.remove();
      if (picture && picture.crop_note && box.hasAttribute("data-picture-crop")) {
        box.insertAdjacentHTML("beforeend", picture.crop_note);
      }
      if (!picture) {
        preview.appendChild(el("span", {"class": "picture-choice__empty", text: "No picture chosen"}));
        return;
      }
      preview.appendChild(el("img", {src: picture.thumb, alt: "", width: "120", height: "80"}));
      preview.appendChild(el("span", {}, [
        document.createTextNode(picture.title), el("br"), el("small", {text: picture.alt}),
      ]));
    }
    box.querySelector("[data-picture-choose]").addEventListener("click", function () { open(show); });
    box.querySelector("[data-picture-clear]").addEventListener("click", function () { show(null); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.getElementById("story-editor-tools")) return;
    document.querySelectorAll("[data-picture-choice]").forEach(enhance);
  });

  window.doggyPicturePicker = {open: open};
})();
