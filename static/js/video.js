/* Click-to-load video: nothing is fetched from YouTube or Vimeo until the visitor presses play.
   The server renders a plain link to the video; this turns it into a play button. */
(function () {
  "use strict";

  function play(link) {
    var frame = document.createElement("iframe");
    frame.className = "video__frame";
    frame.title = link.getAttribute("data-video-title") || "Video";
    frame.src = link.getAttribute("data-video-embed");
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    link.replaceWith(frame);
    frame.focus();
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
      // Let ctrl/cmd/shift/middle clicks open the video's own page as a normal link would.
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) {
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

  function init() {
    var links = document.querySelectorAll("a[data-video-embed]");
    for (var i = 0; i < links.length; i++) {
      enhance(links[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
