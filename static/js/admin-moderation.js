// The keyboard moderation screen. Every button is a plain form that works without
// this script; with it, forms are sent with fetch, rows change in place and the keys
// in the legend work: j/k move, a/s/t decide, x selects, r replies, u undoes.
(function () {
  "use strict";

  var root = document.getElementById("mod");
  if (!root) {
    return;
  }
  var list = root.querySelector(".mod-list");
  var statusBox = document.getElementById("mod-status");
  var bulk = document.getElementById("mod-bulk");
  var tabStatus = root.dataset.status;
  var LABELS = { pending: "Pending", approved: "Approved", spam: "Spam", trash: "Trash" };
  var undoStack = [];
  var busy = false;
  var queued = []; // keys pressed while a decision was on its way: run in order after it
  var stale = false; // the header count and "Recent decisions" need reading again
  var refreshing = false;
  var MOVES = "jkxr"; // keys that only move, select or open: never wait for a refresh

  function idle() {
    busy = false;
    var next = queued.shift();
    if (next) {
      next();
    } else if (stale) {
      // Once a run of decisions is over; the next decision waits for it (one request
      // at a time, as ever), moving about the rows does not.
      stale = false;
      busy = refreshing = true;
      refreshFromServer().then(function () {
        refreshing = false;
        idle();
      });
    }
  }

  function rows() {
    return list ? Array.prototype.slice.call(list.querySelectorAll(".mod-row")) : [];
  }

  function rowFor(id) {
    return document.getElementById("mod-" + id);
  }

  function roving() {
    return list ? list.querySelector(".mod-row[tabindex='0']") : null;
  }

  function current() {
    var active = document.activeElement;
    return (active && active.closest && active.closest(".mod-row")) || roving();
  }

  function focusRow(row) {
    rows().forEach(function (other) {
      other.tabIndex = other === row ? 0 : -1;
    });
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  }

  function isOpen(row) {
    return row.dataset.status === tabStatus;
  }

  function nextOpen(row) {
    var all = rows();
    var start = all.indexOf(row);
    for (var step = 1; step <= all.length; step++) {
      var candidate = all[(start + step) % all.length];
      if (isOpen(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  function move(step) {
    var all = rows();
    var row = current();
    if (!row) {
      return;
    }
    if (document.activeElement !== row && !row.contains(document.activeElement)) {
      focusRow(row);
      return;
    }
    var index = Math.min(Math.max(all.indexOf(row) + step, 0), all.length - 1);
    focusRow(all[index]);
  }

  function say(text, isError) {
    statusBox.textContent = text;
    statusBox.classList.toggle("mod-status--error", Boolean(isError));
  }

  function showStatus(row, status) {
    row.dataset.status = status;
    row.classList.toggle("mod-row--done", status !== tabStatus);
    row.querySelector(".mod-state").textContent = LABELS[status] || status;
    row.querySelectorAll(".mod-row__actions [data-decision]").forEach(function (button) {
      button.hidden = button.dataset.decision === status;
    });
  }

  function apply(answer) {
    Object.keys(answer.statuses || {}).forEach(function (id) {
      var row = rowFor(id);
      if (row) {
        showStatus(row, answer.statuses[id]);
      }
    });
    Object.keys(answer.counts || {}).forEach(function (status) {
      var count = root.querySelector("[data-count='" + status + "']");
      if (count) {
        count.textContent = answer.counts[status];
      }
    });
  }

  // The header's "awaiting moderation" count and "Recent decisions" come from the
  // server as the page shows them: read again once a run of decisions is over.
  function swapFrom(doc, selector) {
    var fresh = doc.querySelector(selector);
    var shown = document.querySelector(selector);
    if (fresh && shown && !shown.contains(document.activeElement)) {
      shown.replaceWith(document.importNode(fresh, true));
    }
  }

  function refreshFromServer() {
    var asked = { credentials: "same-origin", headers: { Accept: "text/html" } };
    return fetch(window.location.href, asked)
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (!html) {
          return;
        }
        var doc = new DOMParser().parseFromString(html, "text/html");
        swapFrom(doc, "#pending-comments");
        swapFrom(doc, ".mod-trail");
      })
      .catch(function () {
        // The counts in the tabs are already right; the rest waits for a reload.
      });
  }

  function selected() {
    return Array.prototype.slice.call(
      document.querySelectorAll("input[form='mod-bulk'][name='comment']:checked")
    );
  }

  function send(url, data) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return { message: "The site answered with an error (" + response.status + "); nothing changed." };
        })
        .then(function (answer) {
          return { ok: response.ok, answer: answer };
        });
    });
  }

  function moveOn(row, message) {
    var next = row && (isOpen(row) ? row : nextOpen(row));
    if (next) {
      focusRow(next);
      say(message);
    } else {
      if (row) {
        focusRow(row);
      }
      say(message + " Nothing else waits on this page.");
    }
  }

  function finish(form, button, row, result) {
    var answer = result.answer;
    if (!result.ok) {
      say(answer.message, true);
      var textarea = button.dataset.decision === "reply" && form.querySelector("textarea");
      if (textarea) {
        textarea.focus();
      }
      return;
    }
    apply(answer);
    stale = true;
    if (button.dataset.decision === "undo") {
      var first = Object.keys(answer.statuses)[0];
      var restored = first && rowFor(first);
      if (restored) {
        focusRow(restored);
      }
      say(answer.message);
      return;
    }
    if (answer.actions && answer.actions.length) {
      undoStack.push(answer.actions);
    }
    if (form === bulk) {
      selected().forEach(function (box) {
        box.checked = false;
      });
    }
    var reply = form.querySelector(".mod-reply");
    if (button.dataset.decision === "reply" && reply) {
      reply.querySelector("textarea").value = "";
      reply.open = false;
    }
    moveOn(row, answer.message);
  }

  function submit(form, button) {
    if (busy) {
      return;
    }
    busy = true;
    var row = form === bulk ? current() : form.closest(".mod-row");
    var url = button && button.hasAttribute("formaction") ? button.formAction : form.action;
    var data = new FormData(form);
    send(url, data)
      .then(function (result) {
        finish(form, button, row, result);
        idle();
      })
      .catch(function () {
        queued = [];
        busy = false;
        say("The site could not be reached; nothing changed. Please try again.", true);
      });
  }

  function decide(status) {
    if (selected().length) {
      bulk.requestSubmit(bulk.querySelector("[data-decision='" + status + "']"));
      return;
    }
    var row = current();
    if (!row) {
      return;
    }
    if (row.dataset.status === status) {
      say("Already " + LABELS[status].toLowerCase() + ".");
      return;
    }
    var form = row.querySelector(".mod-row__form");
    form.requestSubmit(form.querySelector(".mod-row__actions [data-decision='" + status + "']"));
  }

  function undoLast() {
    var actions = undoStack.pop();
    if (!actions) {
      say("Nothing to undo.");
      return;
    }
    var data = new FormData(bulk);
    data.delete("comment");
    actions.forEach(function (id) {
      data.append("action", id);
    });
    busy = true;
    send(root.dataset.undoUrl, data)
      .then(function (result) {
        if (!result.ok) {
          say(result.answer.message, true);
        } else {
          apply(result.answer);
          stale = true;
          var first = Object.keys(result.answer.statuses)[0];
          if (first && rowFor(first)) {
            focusRow(rowFor(first));
          }
          say(result.answer.message);
        }
        idle();
      })
      .catch(function () {
        queued = [];
        busy = false;
        undoStack.push(actions);
        say("The site could not be reached; nothing was undone. Please try again.", true);
      });
  }

  function toggleSelected(row) {
    var box = row.querySelector("input[form='mod-bulk']");
    box.checked = !box.checked;
    var count = selected().length;
    say(count ? count + " selected: a, s or t acts on all of them." : "Nothing selected.");
  }

  function openReply(row) {
    var reply = row.querySelector(".mod-reply");
    reply.open = true;
    reply.querySelector("textarea").focus();
  }

  function onTyping(event) {
    var target = event.target;
    if (!target.matches(".mod-reply textarea")) {
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      target.form.requestSubmit(target.form.querySelector("[data-decision='reply']"));
    } else if (event.key === "Escape") {
      event.preventDefault();
      target.closest(".mod-reply").open = false;
      focusRow(target.closest(".mod-row"));
    }
  }

  var KEYS = {
    j: function () { move(1); },
    k: function () { move(-1); },
    a: function () { decide("approved"); },
    s: function () { decide("spam"); },
    t: function () { decide("trash"); },
    u: undoLast,
    x: function () {
      var row = current();
      if (row) {
        toggleSelected(row);
      }
    },
    r: function () {
      var row = current();
      if (row) {
        openReply(row);
      }
    },
  };

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey) {
      return;
    }
    if (event.target.matches("textarea, select, input:not([type='checkbox'])")) {
      onTyping(event);
      return;
    }
    var action = !event.ctrlKey && !event.metaKey && KEYS[event.key];
    if (!action) {
      return;
    }
    event.preventDefault();
    if (event.repeat && event.key !== "j" && event.key !== "k") {
      return; // a key held down decides once, never down the whole page
    }
    if (busy && !(refreshing && MOVES.indexOf(event.key) >= 0)) {
      if (queued.length < 50) {
        queued.push(action);
      }
      return;
    }
    action();
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!root.contains(form) || form.method.toLowerCase() !== "post") {
      return;
    }
    event.preventDefault();
    var button = event.submitter;
    if (!button.dataset.decision && form.classList.contains("mod-undo")) {
      button.dataset.decision = "undo";
    }
    submit(form, button);
  });

  if (list) {
    list.addEventListener("focusin", function (event) {
      var row = event.target.closest(".mod-row");
      if (row && row.tabIndex !== 0) {
        rows().forEach(function (other) {
          other.tabIndex = other === row ? 0 : -1;
        });
      }
    });
  }
})();
