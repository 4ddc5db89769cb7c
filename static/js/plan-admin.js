/* The plan's link box in the admin: say "Copied" after Wagtail's clipboard controller copies the
   address, or select it for Ctrl+C where the browser refuses (plain http on another machine). */
(function () {
  "use strict";
  document.addEventListener("w-clipboard:copied", function (event) {
    var note = event.target.querySelector("[data-plan-copied]");
    if (note) {
      note.textContent = "Copied";
    }
  });
  document.addEventListener("w-clipboard:error", function (event) {
    var input = event.target.querySelector("input");
    var note = event.target.querySelector("[data-plan-copied]");
    if (input) {
      input.select();
    }
    if (note) {
      note.textContent = "Press Ctrl+C (or Cmd+C) to copy";
    }
  });
})();
