// Rapport's small behaviours on top of server-rendered pages and htmx. No build step; plain ES2017.
(function () {
  "use strict";

  // htmx requests carry the CSRF token that Spring Security expects.
  document.addEventListener("htmx:configRequest", function (e) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      e.detail.headers[header.content] = token.content;
    }
  });

  function closest(el, selector) {
    return el && el.closest ? el.closest(selector) : null;
  }

  // Selects and date inputs marked data-autosubmit submit their form when changed.
  document.addEventListener("change", function (e) {
    var el = e.target;
    // choosing another view starts from that view's own columns, sort and filters
    if (el.hasAttribute && el.hasAttribute("data-reset-state") && el.form) {
      ["cols", "sort", "desc"].forEach(function (name) {
        var field = el.form.querySelector('[name="' + name + '"]');
        if (field) { field.value = ""; }
      });
      document.querySelectorAll('[form="' + el.form.id + '"][name^="f."]').forEach(function (f) { f.value = ""; });
    }
    if (el.hasAttribute && el.hasAttribute("data-autosubmit")) {
      var form = el.form || (el.getAttribute("form") && document.getElementById(el.getAttribute("form")));
      if (form) {
        form.requestSubmit();
      }
    }
    if (el.hasAttribute && el.hasAttribute("data-select-all")) {
      document.querySelectorAll('input[type=checkbox][form="bulk"][name="id"]').forEach(function (box) {
        box.checked = el.checked;
      });
    }
  });

  // Buttons with data-confirm ask first.
  document.addEventListener("click", function (e) {
    var button = closest(e.target, "[data-confirm]");
    if (button && button.getAttribute("data-confirm") && !window.confirm(button.getAttribute("data-confirm"))) {
      e.preventDefault();
    }
  });

  // Native dialogs: data-open-dialog="id" opens, data-close-dialog closes.
  document.addEventListener("click", function (e) {
    var opener = closest(e.target, "[data-open-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-open-dialog"));
      if (dialog && dialog.showModal) {
        dialogOpener = opener;
        dialog.showModal();
      }
    }
    var closer = closest(e.target, "[data-close-dialog]");
    if (closer) {
      closest(closer, "dialog").close();
    }
    var toggle = closest(e.target, "[data-toggle-panel]");
    if (toggle) {
      var panel = document.getElementById(toggle.getAttribute("data-toggle-panel"));
      if (panel) {
        panel.hidden = !panel.hidden;
        toggle.setAttribute("aria-expanded", String(!panel.hidden));
        if (!panel.hidden) {
          var first = panel.querySelector("input, textarea");
          if (first) { first.focus(); }
        }
      }
    }
  });

  // Keyboard in modal dialogs: Tab and Shift+Tab cycle through the dialog's controls (never out of it, not even to
  // the browser's own), and closing the dialog (Escape, Cancel) gives the focus back to the button that opened it.
  var dialogOpener = null;
  function focusables(dialog) {
    return Array.prototype.filter.call(dialog.querySelectorAll(
        "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])"), function (el) {
      return !el.disabled && el.type !== "hidden" && el.getClientRects().length > 0;
    });
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Tab") { return; }
    var dialog = document.querySelector("dialog[open]:modal");
    if (!dialog) { return; }
    var items = focusables(dialog);
    if (items.length === 0) { return; }
    var first = items[0];
    var last = items[items.length - 1];
    var inside = dialog.contains(document.activeElement);
    if (e.shiftKey && (document.activeElement === first || !inside)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
      e.preventDefault();
      first.focus();
    }
  });
  document.addEventListener("close", function (e) {
    if (e.target.tagName === "DIALOG" && dialogOpener && document.contains(dialogOpener)) {
      dialogOpener.focus();
      dialogOpener = null;
    }
  }, true);

  // Column chooser: move rows up and down, then apply the ticked ones in order.
  document.addEventListener("click", function (e) {
    var move = closest(e.target, "[data-move]");
    if (move) {
      var item = closest(move, "li");
      if (move.getAttribute("data-move") === "up" && item.previousElementSibling) {
        item.parentNode.insertBefore(item, item.previousElementSibling);
      } else if (move.getAttribute("data-move") === "down" && item.nextElementSibling) {
        item.parentNode.insertBefore(item.nextElementSibling, item);
      }
      move.focus();
    }
    var apply = closest(e.target, "[data-apply-columns]");
    if (apply) {
      var dialog = closest(apply, "dialog");
      if (!dialog.querySelector("[data-column-list] li")) {
        dialog.close(); // the rows had not arrived yet: nothing was chosen
        return;
      }
      var chosen = [];
      dialog.querySelectorAll("[data-column-list] li").forEach(function (li) {
        if (li.querySelector("input[type=checkbox]").checked) {
          chosen.push(li.getAttribute("data-attribute"));
        }
      });
      document.getElementById("cols").value = chosen.join(",");
      dialog.close();
      // the choice is remembered for this view (server side, per user) before the list reloads with it
      var form = document.getElementById("list-state");
      var token = document.querySelector('meta[name="_csrf"]');
      var header = document.querySelector('meta[name="_csrf_header"]');
      var body = new URLSearchParams();
      body.append("view", form.querySelector('[name="view"]').value);
      body.append("cols", chosen.join(","));
      var headers = { "Content-Type": "application/x-www-form-urlencoded" };
      if (token && header) { headers[header.content] = token.content; }
      fetch(apply.getAttribute("data-apply-columns"), { method: "POST", headers: headers, body: body,
        credentials: "same-origin" }).finally(function () { form.requestSubmit(); });
    }
  });

  // The column chooser's rows arrive (htmx) after it opened on its Cancel button: the focus moves to the first row,
  // unless the user has already moved it.
  document.addEventListener("htmx:afterSwap", function (e) {
    var list = e.detail && e.detail.target;
    if (list && list.hasAttribute && list.hasAttribute("data-column-list")) {
      var dialog = closest(list, "dialog");
      var first = list.querySelector("input[type=checkbox]");
      if (first && dialog && dialog.open && (!dialog.contains(document.activeElement)
          || document.activeElement.hasAttribute("data-close-dialog"))) {
        first.focus();
      }
    }
  });

  // Lookups: typing clears the chosen record until a result is picked.
  document.addEventListener("input", function (e) {
    if (e.target.classList && e.target.classList.contains("lookup-input")) {
      var box = closest(e.target, ".lookup");
      box.querySelector(".lookup-value").value = "";
      box.querySelector(".lookup-name").value = "";
    }
  });
  document.addEventListener("click", function (e) {
    var result = closest(e.target, ".lookup-result");
    if (result) {
      var box = closest(result, ".lookup");
      box.querySelector(".lookup-value").value = result.getAttribute("data-value");
      box.querySelector(".lookup-name").value = result.getAttribute("data-name");
      var input = box.querySelector(".lookup-input");
      input.value = result.getAttribute("data-name");
      input.setAttribute("aria-expanded", "false");
      box.querySelector(".lookup-results").innerHTML = "";
      markDirty(closest(box, "form"));
      input.focus();
    } else {
      document.querySelectorAll(".lookup-results").forEach(function (list) {
        if (!closest(e.target, ".lookup")) {
          list.innerHTML = "";
        }
      });
    }
  });
  // Suggestions that arrive after a result was picked (a search still on its way) are dropped, so the list does not
  // open again over the form; typing clears the pick and searches again.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var target = e.detail.target;
    if (target && target.classList && target.classList.contains("lookup-results")) {
      var box = closest(target, ".lookup");
      if (box.querySelector(".lookup-value").value
          && box.querySelector(".lookup-input").value === box.querySelector(".lookup-name").value) {
        e.detail.shouldSwap = false;
      }
    }
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.target.classList && e.target.classList.contains("lookup-results")) {
      var input = closest(e.target, ".lookup").querySelector(".lookup-input");
      input.setAttribute("aria-expanded", String(e.target.children.length > 0));
    }
  });
  // Arrow down from a lookup moves into its results; arrows move between them; Escape closes.
  document.addEventListener("keydown", function (e) {
    var box = closest(e.target, ".lookup");
    if (!box) { return; }
    var results = Array.prototype.slice.call(box.querySelectorAll(".lookup-result"));
    var index = results.indexOf(e.target);
    if (e.key === "ArrowDown" && results.length) {
      e.preventDefault();
      results[Math.min(index + 1, results.length - 1)].focus();
    } else if (e.key === "ArrowUp" && index >= 0) {
      e.preventDefault();
      (index === 0 ? box.querySelector(".lookup-input") : results[index - 1]).focus();
    } else if (e.key === "Escape") {
      box.querySelector(".lookup-results").innerHTML = "";
    }
  });

  // Unsaved-changes guard on record forms.
  function markDirty(form) {
    if (form && form.hasAttribute("data-guard")) {
      form.setAttribute("data-dirty", "true");
    }
  }
  document.addEventListener("input", function (e) {
    markDirty(closest(e.target, "form[data-guard]"));
  });
  document.addEventListener("submit", function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute("data-guard")) {
      e.target.removeAttribute("data-dirty");
    }
  });
  window.addEventListener("beforeunload", function (e) {
    if (document.querySelector("form[data-guard][data-dirty]")) {
      e.preventDefault();
      e.returnValue = document.body.getAttribute("data-confirm-leave") || "";
      return e.returnValue;
    }
  });

  // Sizes that depend on data (the CSP forbids style attributes; styles set through the DOM are allowed):
  // data-width-percent sets a bar's width, data-indent a tree node's indentation (1.5rem a level).
  function applySizes(root) {
    if (!root || !root.querySelectorAll) { return; }
    root.querySelectorAll("[data-width-percent]").forEach(function (el) {
      el.style.width = Math.max(0, Math.min(100, Number(el.getAttribute("data-width-percent")) || 0)) + "%";
    });
    root.querySelectorAll("[data-indent]").forEach(function (el) {
      el.style.marginLeft = (Number(el.getAttribute("data-indent")) || 0) * 1.5 + "rem";
    });
  }
  document.addEventListener("htmx:load", function (e) { applySizes(e.target.parentNode || e.target); });

  // Security role grid: a cell cycles through its access levels (data-levels) on click, Enter or Space; the
  // hidden input beside it carries the level, the grid's data-label-* attributes the level's name in the language.
  document.addEventListener("click", function (e) {
    var cell = closest(e.target, "[data-depth-cell]");
    if (!cell) { return; }
    var levels = (cell.getAttribute("data-levels") || "").split(",");
    var input = document.getElementById(cell.getAttribute("data-input"));
    if (!input || levels.length === 0) { return; }
    var next = levels[(levels.indexOf(input.value) + 1) % levels.length];
    cell.classList.remove("depth-" + input.value);
    cell.classList.add("depth-" + next);
    input.value = next;
    var grid = closest(cell, "[data-label-none]");
    var label = grid ? grid.getAttribute("data-label-" + next.toLowerCase()) : next;
    cell.setAttribute("title", label);
    var text = cell.querySelector(".depth-text");
    if (text) { text.textContent = label; }
    var form = closest(cell, "form");
    if (form) { form.setAttribute("data-changed", "true"); }
  });

  // Hierarchy trees: a node's toggle shows or hides its children (loaded once by htmx on the first opening).
  document.addEventListener("click", function (e) {
    var toggle = closest(e.target, "[data-tree-toggle]");
    if (!toggle) { return; }
    var group = document.getElementById(toggle.getAttribute("aria-controls"));
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (group) { group.hidden = !open; }
  });

  // Links marked data-history-back go back a page (instead of a javascript: URL).
  document.addEventListener("click", function (e) {
    if (closest(e.target, "[data-history-back]")) {
      e.preventDefault();
      window.history.back();
    }
  });

  // Dialogs marked data-open-now open on load (a failed action shows its dialog again).
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("dialog[data-open-now]").forEach(function (d) { d.showModal(); });
    applySizes(document);
    drawCharts();
  });

  // Numbers on the axes in the page's language (1.234,5 in es and pt-BR); counts step by whole numbers.
  function chartOptions(canvas, type) {
    var options = { responsive: true, maintainAspectRatio: false, animation: false,
      locale: document.documentElement.lang || "en",
      plugins: { legend: { display: type === "doughnut" } } };
    if (type !== "doughnut") {
      options.scales = { y: { beginAtZero: true,
        ticks: canvas.getAttribute("data-money") === "true" ? {} : { precision: 0 } } };
    }
    return options;
  }

  // Dashboard charts from data attributes; the table beside each stays for screen readers.
  function drawCharts() {
    if (!window.Chart) { return; }
    var palette = ["#0f6cbd", "#107c10", "#c50f1f", "#8764b8", "#ca5010", "#038387", "#4f6bed", "#986f0b"];
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var labels = canvas.getAttribute("data-labels").split("|");
      var values = canvas.getAttribute("data-values").split("|").map(Number);
      var type = canvas.getAttribute("data-chart");
      new window.Chart(canvas, {
        type: type,
        data: {
          labels: labels,
          datasets: [{
            label: canvas.getAttribute("data-series"),
            data: values,
            backgroundColor: type === "line" ? "rgba(15,108,189,0.2)" : palette,
            borderColor: type === "line" ? "#0f6cbd" : palette,
            fill: type === "line"
          }]
        },
        options: chartOptions(canvas, type)
      });
    });
  }

  // Import mapping: "find the related record by" only matters for a column mapped to a lookup field.
  function syncLookupChoice(select) {
    var target = document.getElementById(select.getAttribute("data-lookup-target"));
    var option = select.options[select.selectedIndex];
    if (target) {
      target.hidden = !(option && option.hasAttribute("data-lookup"));
    }
  }
  document.addEventListener("change", function (e) {
    if (e.target.hasAttribute && e.target.hasAttribute("data-lookup-toggle")) {
      syncLookupChoice(e.target);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-lookup-toggle]").forEach(syncLookupChoice);
  });
  // Form errors: a summary link opens the tab that holds the field, then puts the cursor in it; the summary
  // itself takes the focus when the page comes back with errors, so that it is read first.
  document.addEventListener("click", function (e) {
    var link = closest(e.target, "[data-show-tab], [data-focus-field]");
    if (!link) { return; }
    var tab = link.hasAttribute("data-show-tab") && document.getElementById(link.getAttribute("data-show-tab"));
    if (tab && window.bootstrap) {
      window.bootstrap.Tab.getOrCreateInstance(tab).show();
    }
    var input = document.querySelector(link.getAttribute("href"));
    if (input) {
      e.preventDefault();
      window.setTimeout(function () {
        input.scrollIntoView({ block: "center" });
        if (input.focus) { input.focus(); }
      }, 200);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary") || document.getElementById("view-editor-problems");
    if (summary) { summary.focus(); }
  });
})();
