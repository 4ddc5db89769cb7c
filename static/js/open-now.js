/* "Open now: call" during the clinic's opening hours, "Book online" otherwise.
   Pages are cached, so the server always renders "Book online" first; this decides in the
   browser, on the clinic's own clock (data-time-zone), from the hours in data-open-hours on
   <body>: [[weekday 0=Monday, "HH:MM" opens, "HH:MM" closes], ...]. Same rule as home/hours.py:
   opening time inclusive, closing time exclusive, closing at or before opening = after midnight. */
(function () {
  "use strict";

  var DAYS = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

  function minutes(text) {
    var parts = String(text).split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }

  function clinicNow(timeZone) {
    var parts = {};
    try {
      new Intl.DateTimeFormat("en-US", {
        timeZone: timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
    } catch (error) {
      return null;
    }
    if (!(parts.weekday in DAYS)) { return null; }
    return { day: DAYS[parts.weekday], minute: (parseInt(parts.hour, 10) % 24) * 60 + parseInt(parts.minute, 10) };
  }

  function isOpen(hours, now) {
    for (var i = 0; i < hours.length; i++) {
      var day = hours[i][0], opens = minutes(hours[i][1]), closes = minutes(hours[i][2]);
      if (closes <= opens) {
        if (day === now.day && now.minute >= opens) { return true; }
        if ((day + 1) % 7 === now.day && now.minute < closes) { return true; }
      } else if (day === now.day && now.minute >= opens && now.minute < closes) {
        return true;
      }
    }
    return false;
  }

  function promoteCall(row) {
    var call = row.querySelector('[data-cta="call"]');
    var book = row.querySelector('[data-cta="book"]');
    if (!call) { return; }
    var label = call.querySelector("[data-cta-label]");
    if (label) {
      label.textContent = ("Open now: call " + label.textContent.replace(/^Call\s*/, "")).trim();
    }
    call.classList.remove("button--quiet");
    if (book) {
      book.classList.add("button--quiet");
      row.insertBefore(call, book);
    }
    row.classList.add("is-open-now");
  }

  function init() {
    var body = document.body;
    var hours;
    try { hours = JSON.parse(body.getAttribute("data-open-hours") || "[]"); } catch (error) { return; }
    if (!Array.isArray(hours) || !hours.length) { return; }
    var now = clinicNow(body.getAttribute("data-time-zone") || "America/New_York");
    if (!now || !isOpen(hours, now)) { return; }
    var rows = document.querySelectorAll("[data-open-now]");
    for (var i = 0; i < rows.length; i++) { promoteCall(rows[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
