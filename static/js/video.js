/* Click-to-load video: nothing is fetched from YouTube or Vimeo until the visitor presses play.
   The server renders a plain link to the video; this turns it into a play button.
   A step's time ("0:35", a link to the video at that moment) starts the exercise's player there,
   loading it first if the visitor has not pressed play yet. */
(function () {
  "use strict";

  function plainClick(event) {
    // Ctrl/cmd/shift/middle clicks open the video's own page as a normal link would.
    return !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0);
  }

  function play(link, src) {
    var frame = document.createElement("iframe");
    frame.className = "video__frame";
    frame.title = link.getAttribute("data-video-title") || "Video";
    frame.src = src || link.getAttribute("data-video-embed");
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    link.replaceWith(frame);
    frame.focus();
    return frame;
  }

  function enhance(link) {
    if (!link.getAttribute("data-video-embed")) {
      return;
    }
    link.setAttribute("role", "button");
    // The link now plays here: say so in its visible text, which is also its accessible name
    // (an aria-label differing from the visible words fails WCAG 2.5.3, label in name).
    var provider = link.querySelector(".video__provider");
    if (provider) {
      provider.textContent = "Play video (" + provider.textContent.replace(/^Watch on\s*/, "") + ")";
    }
    link.addEventListener("click", function (event) {
      if (!plainClick(event)) {
        return;
      }
      event.preventDefault();
      play(link);
    });
    link.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
        event.preventDefault();
        play(link);
      }
    });
  }

  // The exercise a step belongs to holds its player: the card in an article, or the exercise's
  // own page.
  function playerFor(stepLink) {
    var scope = stepLink.closest("[data-video-scope], article") || document;
    return scope.querySelector("a.video__player[data-video-embed], iframe.video__frame");
  }

  function seek(stepLink, event) {
    var player = playerFor(stepLink);
    var src = stepLink.getAttribute("data-video-seek");
    if (!player || !src) {
      return; // No player on this page: the link opens the video at that time.
    }
    event.preventDefault();
    var frame;
    if (player.tagName === "IFRAME") {
      // Reloading at the new start works the same for both players, without their scripts.
      frame = player;
      frame.src = src;
      frame.focus();
    } else {
      frame = play(player, src);
    }
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    frame.scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
  }

  function enhanceStep(stepLink) {
    stepLink.addEventListener("click", function (event) {
      if (plainClick(event)) {
        seek(stepLink, event);
      }
    });
  }

  function init() {
    var links = document.querySelectorAll("a[data-video-embed]");
    for (var i = 0; i < links.length; i++) {
      enhance(links[i]);
    }
    var steps = document.querySelectorAll("a[data-video-seek]");
    for (var j = 0; j < steps.length; j++) {
      enhanceStep(steps[j]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
