// Progressive enhancement only: every page reads and works without this file.
// 1. Copy-link buttons. 2. Click-to-load players for social posts in stories.
// 3. One count per story a person sees (articles/readership.py).
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
// The page has a card linking to the post (articles/sanitize.py); this adds a
// button that says what will happen and, when pressed, swaps in the player.
// The frame-src of the Content-Security-Policy allows these four players only.
(function () {
  "use strict";
  var PLAYERS = {
    youtube: {
      name: "YouTube", site: "youtube.com", id: /^[A-Za-z0-9_-]{11}$/, width: 560, height: 315,
      src: function (id) { return "https://www.youtube-nocookie.com/embed/" + id; }
    },
    tiktok: {
      name: "TikTok", site: "tiktok.com", id: /^[0-9]{15,21}$/, width: 325, height: 740,
      src: function (id) { return "https://www.tiktok.com/embed/v2/" + id; }
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

  function loadPlayer(card, player, id, button) {
    var caption = card.querySelector("figcaption");
    var frame = document.createElement("div");
    frame.className = "embed__frame embed__frame--" + card.dataset.provider;
    var iframe = document.createElement("iframe");
    iframe.src = player.src(id);
    iframe.title = player.name + " player" + (caption ? ": " + caption.textContent.trim() : "");
    iframe.width = String(player.width);
    iframe.height = String(player.height);
    iframe.loading = "lazy";
    iframe.setAttribute("allow", "encrypted-media; picture-in-picture; fullscreen");
    iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    iframe.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-presentation");
    frame.appendChild(iframe);
    button.replaceWith(frame);
    iframe.focus();
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
    card.insertBefore(button, card.firstChild);
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
