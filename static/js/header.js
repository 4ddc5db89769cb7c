/* Phones: the header's search form is folded away behind "Search". Without this script that
   control is a plain link to the search page; with it, it becomes a button that opens the form
   in place and puts the cursor in the box. Wider screens show the form at all times (site.css). */
(function () {
  "use strict";

  function init() {
    var header = document.querySelector("[data-site-header]");
    var link = header && header.querySelector("[data-search-toggle]");
    var form = header && header.querySelector(".site-search");
    if (!link || !form) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.innerHTML = link.innerHTML;
    button.setAttribute("aria-controls", form.id);
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("data-search-toggle", "");
    link.parentNode.replaceChild(button, link);
    header.classList.add("has-search-toggle");

    function setOpen(open) {
      header.classList.toggle("is-search-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var input = form.querySelector("input[type=search]");
        if (input) { input.focus(); }
      }
    }

    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("is-search-open")) {
        setOpen(false);
        button.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
