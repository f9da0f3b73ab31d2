// Progressive enhancement only: every page reads and works without this file.
// 1. Copy-link buttons. 2. Click-to-load players for social posts in stories.
// 3. The comment form's signed "shown at" time, asked for when a reader starts on it.
// 4. One count per story a person sees (articles/readership.py).
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

// Social posts in a story load nothing from their provider until the reader asks.
// The page has a card linking to the post (articles/sanitize/embeds.py), with its
// poster, author and first line when an editor described it; this adds a button that
// says what will happen and, when pressed, loads the player behind the card. The
// player takes the card's place once it speaks (every one of these posts a message to
// the page when it is up); if it has not within WAIT_MS, it is taken away and the card
// stays a link card: never a provider's error page in the story.
// The frame-src of the Content-Security-Policy allows these four players only.
(function () {
  "use strict";
  var WAIT_MS = 6000;
  var PLAYERS = {
    youtube: {
      name: "YouTube", site: "youtube.com", id: /^[A-Za-z0-9_-]{11}$/, width: 560, height: 315,
      src: function (id) { return "https://www.youtube-nocookie.com/embed/" + id + "?enablejsapi=1"; },
      // The YouTube player speaks once it is told that someone listens.
      hello: '{"event":"listening","id":"doggydiary","channel":"widget"}'
    },
    tiktok: {
      name: "TikTok", site: "tiktok.com", id: /^[0-9]{15,21}$/, width: 325, height: 578,
      src: function (id) { return "https://www.tiktok.com/player/v1/" + id; }
    },
    instagram: {
      name: "Instagram", site: "instagram.com", id: /^[A-Za-z0-9_-]{5,40}$/, width: 400, height: 580,
      src: function (id) { return "https://www.instagram.com/p/" + id + "/embed"; }
    },
    x: {
      name: "X", site: "twitter.com", id: /^[0-9]{1,20}$/, width: 550, height: 560,
      src: function (id) { return "https://platform.twitter.com/embed/Tweet.html?id=" + id; }
    }
  };

  function playerFrame(card, player, id) {
    var caption = card.querySelector("figcaption");
    var iframe = document.createElement("iframe");
    iframe.src = player.src(id);
    iframe.title = player.name + " player" + (caption ? ": " + caption.textContent.trim() : "");
    iframe.width = String(player.width);
    iframe.height = String(player.height);
    iframe.setAttribute("allow", "encrypted-media; picture-in-picture; fullscreen");
    iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    iframe.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
    return iframe;
  }

  function loadPlayer(card, player, id, button) {
    var frame = document.createElement("div");
    frame.className = "embed__frame embed__frame--" + card.dataset.provider + " embed__frame--waiting";
    var iframe = playerFrame(card, player, id);
    frame.appendChild(iframe);
    button.disabled = true;
    button.textContent = "Loading the " + player.name + " player…";
    button.after(frame);
    var timer;
    function listen(event) {
      if (event.source !== iframe.contentWindow) return;
      window.removeEventListener("message", listen);
      clearTimeout(timer);
      frame.classList.remove("embed__frame--waiting");
      card.classList.add("embed--playing");
      button.remove();
      iframe.focus();
    }
    window.addEventListener("message", listen);
    if (player.hello) {
      iframe.addEventListener("load", function () {
        iframe.contentWindow.postMessage(player.hello, "*");
      });
    }
    timer = setTimeout(function () {
      window.removeEventListener("message", listen);
      frame.remove();
      var note = document.createElement("p");
      note.className = "embed__note";
      note.setAttribute("role", "status");
      note.textContent = "The " + player.name + " player did not load. The link below opens the post on " + player.site + ".";
      button.replaceWith(note);
    }, WAIT_MS);
  }

  function enhance(card) {
    var player = PLAYERS[card.dataset.provider];
    var id = card.dataset.embedId;
    if (!player || !player.id.test(id)) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "embed__load";
    button.textContent = "Load the " + player.name + " player (this connects to " + player.site + ")";
    button.addEventListener("click", function () { loadPlayer(card, player, id, button); });
    card.insertBefore(button, card.querySelector("a.embed-link"));
  }

  // Cards are enhanced as they come near the screen, so a story's first paint
  // and layout do no work for players further down.
  var cards = document.querySelectorAll("figure.embed[data-embed-id]");
  if (!("IntersectionObserver" in window)) {
    cards.forEach(enhance);
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      enhance(entry.target);
    });
  }, {rootMargin: "300px 0px"});
  cards.forEach(function (card) { observer.observe(card); });
})();

// The story page is the same for every reader, so its comment form carries no "shown
// at" time; one is asked for (no cookie, nothing stored) when the reader first
// touches the form, and sending waits for it. Without this file the form is shown
// again with a time when first sent.
(function () {
  "use strict";
  var form = document.querySelector("form.comment-form[data-shown-url]");
  var field = form && form.querySelector("input[name=shown]");
  if (!field || !window.fetch) return;
  var asked = null;
  function ask() {
    if (field.value) return Promise.resolve();
    if (!asked) {
      asked = fetch(form.dataset.shownUrl, {credentials: "omit", cache: "no-store"})
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (token) { field.value = token.trim(); }, function () {});
    }
    return asked;
  }
  form.addEventListener("focusin", ask);
  form.addEventListener("submit", function (event) {
    if (field.value) return;
    event.preventDefault();
    ask().then(function () { form.submit(); });
  });
})();

// Readership: when a story is shown to a person (not while a browser prerenders it or
// keeps it in a background tab), one empty POST to the story's own counter. No
// cookie, nothing stored in the browser, nothing sent but the story's address.
(function () {
  "use strict";
  var story = document.querySelector("[data-read]");
  if (!story || !navigator.sendBeacon) return;
  var sent = false;
  function send() {
    if (sent || document.prerendering || document.visibilityState !== "visible") return;
    sent = true;
    navigator.sendBeacon(story.dataset.read);
  }
  document.addEventListener("visibilitychange", send);
  document.addEventListener("prerenderingchange", send);
  send();
})();
