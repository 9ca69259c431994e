/* thidua: keeps countdowns and phase progress true on the day the page is read.
   The build writes the figures for its own "today" (the no-JS fallback); this script
   recomputes them from the reader's clock in the campaign's timezone. */
(function () {
  "use strict";
  var DAY = 86400000;
  var tz = document.body.getAttribute("data-timezone") || "Asia/Ho_Chi_Minh";
  // UI strings come from the theme's translation file, written into the page by the build.
  var t = {};
  try { t = JSON.parse(document.getElementById("thidua-i18n").textContent); } catch (e) { t = {}; }
  function str(key) { return t[key] === undefined ? "" : t[key]; }
  function fill(key, n) { return str(key).replace("{n}", n); }

  function todayIso() {
    try {
      // en-CA formats as YYYY-MM-DD.
      return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
    } catch (e) {
      var now = new Date(Date.now() + 7 * 3600000);
      return now.toISOString().slice(0, 10);
    }
  }
  function dayNumber(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY;
  }
  function formatNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, str("thousands_separator"));
  }
  function percentLabel(value) {
    var rounded = Math.round(value * 10) / 10;
    return (rounded % 1 === 0 ? formatNumber(rounded) : rounded.toFixed(1).replace(".", str("decimal_separator"))) + "%";
  }
  function progress(start, end, today) {
    if (today < start) return 0;
    if (today > end) return 100;
    return (today - start + 1) * 100 / (end - start + 1);
  }

  var todayText = todayIso();
  var today = dayNumber(todayText);
  if (todayText === document.body.getAttribute("data-build-today")) return;

  document.querySelectorAll(".countdown[data-target]").forEach(function (el) {
    var days = dayNumber(el.getAttribute("data-target")) - today;
    var key = days > 0 ? "countdown_upcoming" : days === 0 ? "countdown_today" : "countdown_past";
    el.textContent = fill(Math.abs(days) === 1 ? key + "_one" : key, formatNumber(Math.abs(days)));
    el.className = "countdown countdown-" + (days > 0 ? "upcoming" : days === 0 ? "today" : "past");
  });

  document.querySelectorAll("[data-phase-start][data-phase-end]").forEach(function (el) {
    var start = dayNumber(el.getAttribute("data-phase-start"));
    var end = dayNumber(el.getAttribute("data-phase-end"));
    var value = progress(start, end, today);
    var state = today < start ? "upcoming" : today > end ? "ended" : "active";
    var total = end - start + 1;
    el.classList.remove("state-upcoming", "state-active", "state-ended");
    el.classList.add("state-" + state);
    if (el.hasAttribute("data-show-when")) el.hidden = el.getAttribute("data-show-when") !== state;
    el.querySelectorAll(".phase-percent").forEach(function (p) { p.textContent = percentLabel(value); });
    el.querySelectorAll("progress.phase-progress").forEach(function (p) { p.value = value; p.textContent = percentLabel(value); });
    el.querySelectorAll(".phase-status").forEach(function (s) {
      s.textContent = str("phase_" + state);
      s.className = "phase-status status-" + state;
    });
    el.querySelectorAll(".phase-detail").forEach(function (d) {
      var elapsed = today - start + 1;
      var extra = state === "active" ? str("phase_day") + elapsed + "/" + total + str("phase_days_left") + (total - elapsed) + str("phase_days_suffix")
        : state === "upcoming" ? str("phase_starts_in") + formatNumber(start - today) + str("phase_starts_suffix") : "";
      d.innerHTML = "";
      var pct = document.createElement("span");
      pct.className = "phase-percent";
      pct.textContent = percentLabel(value);
      d.appendChild(pct);
      d.appendChild(document.createTextNode(str("time_elapsed") + extra + "."));
    });
  });

  // Home page: show the phase(s) active today, or a note when none is.
  var none = document.querySelector(".phase-none[data-campaign-start]");
  if (none) {
    var anyActive = document.querySelector('.phase-now[data-show-when]:not([hidden])');
    none.hidden = !!anyActive;
    if (!anyActive) {
      var cStart = dayNumber(none.getAttribute("data-campaign-start"));
      var cEnd = dayNumber(none.getAttribute("data-campaign-end"));
      var link = none.querySelector("a");
      none.textContent = today < cStart ? str("js_not_started")
        : today > cEnd ? str("js_ended") : str("index_no_active_phase") + " ";
      if (link) none.appendChild(link);
    }
  }

  // Home page: show the next anniversary from today.
  var upcoming = document.querySelectorAll(".anniversary-next[data-target]");
  if (upcoming.length) {
    var shown = false;
    upcoming.forEach(function (el) {
      var show = !shown && dayNumber(el.getAttribute("data-target")) >= today;
      el.hidden = !show;
      shown = shown || show;
    });
    var noneLeft = document.querySelector(".anniversary-none");
    if (noneLeft) noneLeft.hidden = shown;
  }

  document.querySelectorAll(".timeline[data-start][data-end]").forEach(function (el) {
    var start = dayNumber(el.getAttribute("data-start"));
    var end = dayNumber(el.getAttribute("data-end"));
    var marker = el.querySelector(".today-marker");
    if (!marker) return;
    marker.hidden = today < start || today > end;
    marker.style.left = ((today - start) * 100 / (end - start + 1)) + "%";
  });

  document.querySelectorAll(".js-today").forEach(function (el) {
    var p = todayText.split("-");
    el.textContent = p[2] + "/" + p[1] + "/" + p[0];
    el.setAttribute("datetime", todayText);
  });
})();
