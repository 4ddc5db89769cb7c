/* "My routine": exercises a visitor saves for home care, kept only in her browser's localStorage.
   Nothing is sent to the server. The server renders hidden "Add to my routine" buttons carrying
   the exercise in data attributes; this reveals them, and draws the list on /routine/ with
   Move up / Move down / Remove buttons (keyboard and screen-reader friendly, no drag needed). */
(function () {
  "use strict";

  var KEY = "harvest-moon-routine";
  var MAX_ITEMS = 50;

  function storageWorks() {
    try {
      var probe = KEY + "-probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return true;
    } catch (error) {
      return false;
    }
  }

  function safeUrl(url) {
    // Only our own paths or http(s): a tampered store must not inject javascript: links.
    return typeof url === "string" && /^(\/(?!\/)|https?:\/\/)/.test(url) ? url : "";
  }

  function clean(item) {
    if (!item || typeof item.slug !== "string" || typeof item.name !== "string") {
      return null;
    }
    var text = function (value) { return typeof value === "string" ? value : ""; };
    return {
      slug: item.slug,
      name: item.name,
      url: safeUrl(item.url),
      printUrl: safeUrl(item.printUrl),
      summary: text(item.summary),
      dose: text(item.dose),
      cautions: text(item.cautions),
      steps: Array.isArray(item.steps) ? item.steps.filter(function (s) { return typeof s === "string"; }) : []
    };
  }

  function read() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(data) ? data.map(clean).filter(Boolean).slice(0, MAX_ITEMS) : [];
    } catch (error) {
      return [];
    }
  }

  function write(items) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(items.slice(0, MAX_ITEMS)));
      return true;
    } catch (error) {
      return false;
    }
  }

  function indexOf(items, slug) {
    for (var i = 0; i < items.length; i++) {
      if (items[i].slug === slug) { return i; }
    }
    return -1;
  }

  function countText(n) {
    return n === 1 ? "1 exercise" : n + " exercises";
  }

  /* --- "Add to my routine" buttons, on articles and exercise pages -------------------------- */

  function itemFromButton(button) {
    var steps = [];
    try { steps = JSON.parse(button.getAttribute("data-exercise-steps") || "[]"); } catch (error) { steps = []; }
    return clean({
      slug: button.getAttribute("data-exercise-slug"),
      name: button.getAttribute("data-exercise-name"),
      url: button.getAttribute("data-exercise-url"),
      printUrl: button.getAttribute("data-exercise-print-url"),
      summary: button.getAttribute("data-exercise-summary"),
      dose: button.getAttribute("data-exercise-dose"),
      cautions: button.getAttribute("data-exercise-cautions"),
      steps: steps
    });
  }

  function refreshButtons() {
    var items = read();
    var boxes = document.querySelectorAll("[data-routine-add]");
    for (var i = 0; i < boxes.length; i++) {
      var button = boxes[i].querySelector("button");
      var link = boxes[i].querySelector(".routine-add__link");
      var saved = indexOf(items, button.getAttribute("data-exercise-slug")) !== -1;
      button.textContent = saved ? "Remove from my routine" : "Add to my routine";
      // Several exercises per page: the spoken name says which one (and starts with the visible text).
      button.setAttribute("aria-label", button.textContent + ": " + button.getAttribute("data-exercise-name"));
      button.classList.toggle("is-saved", saved);
      if (link) { link.textContent = items.length ? "My routine (" + countText(items.length) + ")" : "My routine"; }
    }
  }

  function enhanceButtons() {
    var boxes = document.querySelectorAll("[data-routine-add]");
    for (var i = 0; i < boxes.length; i++) {
      (function (box) {
        var button = box.querySelector("button");
        var status = box.querySelector("[role=status]");
        box.hidden = false;
        button.addEventListener("click", function () {
          var items = read();
          var item = itemFromButton(button);
          var at = indexOf(items, item.slug);
          var message;
          if (at === -1) {
            items.push(item);
            message = "Added to your routine. It has " + countText(items.length) + ".";
          } else {
            items.splice(at, 1);
            message = "Removed from your routine. It has " + countText(items.length) + ".";
          }
          if (!write(items)) {
            message = "Sorry, this browser would not save your routine.";
          }
          refreshButtons();
          if (status) { status.textContent = message; }
        });
      })(boxes[i]);
    }
    refreshButtons();
  }

  /* --- the /routine/ page ------------------------------------------------------------------ */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function controlButton(label, action, index, name, disabled) {
    var button = el("button", "button button--quiet routine-item__" + action, label);
    button.type = "button";
    button.setAttribute("data-action", action);
    button.setAttribute("data-index", String(index));
    button.setAttribute("aria-label", label + ": " + name);
    button.disabled = !!disabled;
    return button;
  }

  function renderItem(item, index, total) {
    var li = el("li", "routine-item");
    li.setAttribute("data-slug", item.slug);
    var heading = el("h2", "routine-item__title");
    var number = el("span", "routine-item__number", (index + 1) + ". ");
    heading.appendChild(number);
    if (item.url) {
      var link = el("a", "", item.name);
      link.href = item.url;
      heading.appendChild(link);
    } else {
      heading.appendChild(document.createTextNode(item.name));
    }
    li.appendChild(heading);
    if (item.dose) { li.appendChild(el("p", "routine-item__dose", item.dose)); }
    if (item.summary) { li.appendChild(el("p", "routine-item__summary", item.summary)); }
    if (item.steps.length) {
      var steps = el("ol", "steps routine-item__steps");
      steps.setAttribute("aria-label", "Steps for " + item.name);
      item.steps.forEach(function (step) { steps.appendChild(el("li", "step", step)); });
      li.appendChild(steps);
    }
    if (item.cautions) {
      var care = el("p", "routine-item__cautions");
      care.appendChild(el("strong", "", "Take care: "));
      care.appendChild(document.createTextNode(item.cautions));
      li.appendChild(care);
    }
    var controls = el("p", "button-row routine-item__controls screen-only");
    controls.appendChild(controlButton("Move up", "up", index, item.name, index === 0));
    controls.appendChild(controlButton("Move down", "down", index, item.name, index === total - 1));
    controls.appendChild(controlButton("Remove", "remove", index, item.name, false));
    if (item.printUrl) {
      var print = el("a", "routine-item__print", "Print this one");
      print.href = item.printUrl;
      print.setAttribute("aria-label", "Print this one: " + item.name);
      controls.appendChild(print);
    }
    li.appendChild(controls);
    return li;
  }

  function initPage(root) {
    var list = root.querySelector("[data-routine-list]");
    var empty = root.querySelector("[data-routine-empty]");
    var filled = root.querySelector("[data-routine-filled]");
    var status = root.querySelector("[data-routine-status]");
    var noScript = root.querySelector("[data-routine-nojs]");
    if (noScript) { noScript.hidden = true; }

    if (!storageWorks()) {
      root.querySelector("[data-routine-unavailable]").hidden = false;
      return;
    }

    function announce(message) { status.textContent = message; }

    function render(focus) {
      var items = read();
      list.textContent = "";
      items.forEach(function (item, index) { list.appendChild(renderItem(item, index, items.length)); });
      empty.hidden = items.length > 0;
      filled.hidden = items.length === 0;
      if (!focus) { return; }
      var target = null;
      if (focus.index !== undefined && items.length) {
        var row = list.children[Math.min(focus.index, items.length - 1)];
        var order = [focus.action, focus.action === "up" ? "down" : "up", "remove"];
        for (var i = 0; i < order.length && !target; i++) {
          var candidate = row.querySelector('[data-action="' + order[i] + '"]');
          if (candidate && !candidate.disabled) { target = candidate; }
        }
      }
      (target || document.getElementById("routine-title")).focus();
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) { return; }
      var items = read();
      var index = parseInt(button.getAttribute("data-index"), 10);
      var action = button.getAttribute("data-action");
      var item = items[index];
      if (!item) { render(); return; }
      var to = index;
      if (action === "up" && index > 0) { to = index - 1; }
      if (action === "down" && index < items.length - 1) { to = index + 1; }
      if (action === "remove") {
        items.splice(index, 1);
        write(items);
        render({ index: index, action: "remove" });
        announce("Removed " + item.name + ". Your routine has " + countText(items.length) + ".");
        return;
      }
      items.splice(index, 1);
      items.splice(to, 0, item);
      write(items);
      render({ index: to, action: action });
      announce(item.name + " is now number " + (to + 1) + " of " + items.length + ".");
    });

    root.querySelector("[data-routine-print]").addEventListener("click", function () { window.print(); });
    root.querySelector("[data-routine-clear]").addEventListener("click", function () {
      if (window.confirm("Remove every exercise from your routine?")) {
        write([]);
        render({});
        announce("Your routine is empty.");
      }
    });
    // Another tab changed the routine: show the same list here.
    window.addEventListener("storage", function (event) { if (event.key === KEY) { render(); } });
    document.getElementById("routine-title").setAttribute("tabindex", "-1");
    render();
  }

  function enhancePrintButtons() {
    // "Print this sheet" buttons are hidden until they can work.
    var buttons = document.querySelectorAll("[data-print-page]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }

  function init() {
    enhancePrintButtons();
    if (!storageWorks()) {
      var page = document.querySelector("[data-routine-page]");
      if (page) { initPage(page); }
      return;
    }
    enhanceButtons();
    window.addEventListener("storage", function (event) { if (event.key === KEY) { refreshButtons(); } });
    var root = document.querySelector("[data-routine-page]");
    if (root) { initPage(root); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
