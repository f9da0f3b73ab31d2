// Nothing lost while writing: the story form is autosaved when it has changed (at
// least every 30 seconds, and when the page is hidden or closed), an autosave newer
// than the story can be restored, leaving with unsaved changes asks first, and a
// heartbeat says who else has the story open. Endpoints are on #story-editor-tools.
(function () {
  "use strict";
  var editors = [];
  var changed = function () {};

  document.addEventListener("prose-editor:ready", function (event) {
    editors.push(event.detail);
    event.detail.editor.on("update", function () { changed(); });
  });

  document.addEventListener("DOMContentLoaded", function () {
    var tools = document.getElementById("story-editor-tools");
    var form = document.getElementById("article_form");
    if (!tools || !form) return;
    var saveUrl = tools.dataset.autosaveUrl;
    var editingUrl = tools.dataset.editingUrl;
    var seconds = Math.min(30, parseInt(tools.dataset.autosaveSeconds || "15", 10));
    var status = document.getElementById("autosave-status");
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    // A form shown again with errors holds changes the story does not have yet.
    var dirty = Boolean(document.querySelector(".errornote"));
    var pending = false;
    var submitting = false;
    var ticks = 0;

    changed = function () { dirty = true; pending = true; };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);

    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (button && button.getAttribute("formtarget") === "_blank") return;  // Preview
      submitting = true;
    });

    function labels() {
      var out = {};
      form.querySelectorAll("select[name]").forEach(function (select) {
        var shown = {};
        Array.prototype.forEach.call(select.selectedOptions, function (option) {
          shown[option.value] = option.textContent;
        });
        out[select.name] = shown;
      });
      return out;
    }

    function formData() {
      var data = new FormData(form);
      var files = [];
      data.forEach(function (value, name) { if (value instanceof File) files.push(name); });
      files.forEach(function (name) { data.delete(name); });
      data.append("_labels", JSON.stringify(labels()));
      return data;
    }

    function showEditing(people) {
      var banner = document.getElementById("editing-now");
      if (!banner || !people) return;
      banner.replaceChildren.apply(banner, people.map(function (person) {
        var line = document.createElement("p");
        var name = document.createElement("strong");
        name.textContent = person.name;
        line.append(name, " is editing this story (since " + person.since + ").");
        return line;
      }));
      banner.hidden = people.length === 0;
    }

    function save() {
      pending = false;
      return fetch(saveUrl, {method: "POST", body: formData(), credentials: "same-origin",
        headers: {"X-CSRFToken": token, Accept: "application/json"}})
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          status.textContent = "Autosaved at " + data.saved_at + ". Save the story to keep the changes.";
          showEditing(data.editing);
        })
        .catch(function () {
          pending = true;
          status.textContent = "Autosave failed; your changes are still on this page.";
        });
    }

    function heartbeat() {
      if (!editingUrl) return;
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token);
      fetch(editingUrl, {method: "POST", body: data, credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) showEditing(data.editing); })
        .catch(function () {});
    }

    setInterval(function () {
      ticks += 1;
      if (submitting) return;
      if (pending) save();
      else if (ticks * seconds >= 30) { ticks = 0; heartbeat(); }
    }, seconds * 1000);

    function leave() {
      if (submitting) return;
      if (pending) {
        pending = false;
        navigator.sendBeacon(saveUrl, formData());
      }
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") leave();
    });
    window.addEventListener("pagehide", function () {
      leave();
      if (editingUrl && !submitting) {
        var data = new FormData();
        data.append("csrfmiddlewaretoken", token);
        data.append("leaving", "1");
        navigator.sendBeacon(editingUrl, data);
      }
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    // Restore or discard an autosave newer than the story.
    var offerData = document.getElementById("autosave-offer");
    var banner = document.getElementById("autosave-offer-banner");
    if (!offerData || !banner) return;
    var offer = JSON.parse(offerData.textContent);
    banner.hidden = false;

    function editorFor(textarea) {
      var found = editors.filter(function (item) { return item.textarea === textarea; })[0];
      return found && found.editor;
    }

    function apply(fields, shown) {
      Object.keys(fields).forEach(function (name) {
        var values = fields[name];
        form.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach(function (input) {
          if (input.type === "checkbox" || input.type === "radio") {
            input.checked = values.indexOf(input.value) >= 0;
          } else if (input.tagName === "SELECT") {
            var names = shown[name] || {};
            values.forEach(function (value) {
              var known = Array.prototype.some.call(input.options, function (o) { return o.value === value; });
              if (!known) input.add(new Option(names[value] || value, value));
            });
            Array.prototype.forEach.call(input.options, function (option) {
              option.selected = values.indexOf(option.value) >= 0;
            });
            if (window.django && window.django.jQuery) window.django.jQuery(input).trigger("change");
          } else if (input.type !== "file") {
            input.value = values[0] || "";
            var editor = input.tagName === "TEXTAREA" && editorFor(input);
            if (editor) editor.commands.setContent(input.value);
          }
        });
      });
      // An unticked box is not in a posted form: untick the story's own boxes.
      form.querySelectorAll("input[type=checkbox][name]").forEach(function (box) {
        if (box.name.indexOf("-") < 0 && !(box.name in fields)) box.checked = false;
      });
    }

    banner.querySelector("[data-autosave-restore]").addEventListener("click", function () {
      apply(offer.fields || {}, offer.labels || {});
      banner.hidden = true;
      changed();
      status.textContent = "Restored your unsaved changes from " + offer.saved_at + ". Save the story to keep them.";
    });
    banner.querySelector("[data-autosave-discard]").addEventListener("click", function () {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token);
      data.append("_discard", "1");
      fetch(saveUrl, {method: "POST", body: data, credentials: "same-origin"});
      banner.hidden = true;
      status.textContent = "Discarded the unsaved changes.";
    });
  });
})();
