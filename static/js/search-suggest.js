/*
 * Search-as-you-type for the header search box (#site-search-q) and the search page's box
 * ([data-search-suggest]). Progressive enhancement: without this script the forms still submit
 * to /search/. Follows the ARIA combobox pattern with a listbox popup:
 *   Down/Up move through suggestions, Enter opens the highlighted one (or searches when none
 *   is highlighted), Escape closes the list, and the list closes when focus leaves.
 * Suggestions are built with textContent only, never innerHTML. The endpoint also applies the
 * therapist's synonyms and spelling corrections ("crick" suggests the stiff-neck article) and
 * says what else it searched (also_searched), which the status message reads out.
 */
(function () {
  "use strict";

  var ENDPOINT = "/search/suggest/";
  var MIN_LENGTH = 2;
  var DELAY_MS = 150;
  var counter = 0;

  function enhance(input) {
    if (input.dataset.suggestReady) return;
    input.dataset.suggestReady = "1";
    counter += 1;
    var listId = "search-suggest-list-" + counter;

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;

    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      if (!items.length) return;
      if (index < 0) index = items.length - 1;
      if (index >= items.length) index = 0;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      input.setAttribute("aria-activedescendant", items[index].id);
    }

    function render(results, alsoSearched) {
      list.textContent = "";
      items = results.map(function (result, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = result.url;
        var title = document.createElement("span");
        title.className = "search-suggest__title";
        title.textContent = result.title;
        var kind = document.createElement("span");
        kind.className = "search-suggest__kind";
        kind.textContent = result.kind === "exercise" ? "Exercise" : "Article";
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(kind);
        // mousedown, not click: it fires before the input's blur closes the list.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.assign(result.url);
        });
        list.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        // "crick" also searched "stiff neck": say so, as the results page does.
        var also = alsoSearched && alsoSearched.length
          ? ", also searching " + alsoSearched.join(", ")
          : "";
        list.setAttribute("aria-label", also ? "Suggestions" + also : "Suggestions");
        status.textContent =
          items.length + (items.length === 1 ? " suggestion" : " suggestions") + also +
          ". Use the up and down arrows to choose.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < MIN_LENGTH) {
        render([]);
        return;
      }
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      fetch(ENDPOINT + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) render(data.results || [], data.also_searched);
        })
        .catch(function () {
          /* Aborted or offline: the plain form still works. */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown") {
        if (!items.length) return;
        event.preventDefault();
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        setActive(active + 1);
      } else if (event.key === "ArrowUp") {
        if (!open) return;
        event.preventDefault();
        setActive(active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          window.location.assign(items[active].dataset.url);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", close);
  }

  function init() {
    var inputs = document.querySelectorAll("#site-search-q, [data-search-suggest]");
    Array.prototype.forEach.call(inputs, enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
