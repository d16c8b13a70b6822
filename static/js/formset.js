// "Add a row" in a Django formset without a round trip: copies the formset's empty form (kept in a
// <template>) and raises its TOTAL_FORMS. Without this script the same button posts the page, which
// comes back with more empty rows and nothing saved.
//
// The markup it reads:
//   <template data-formset-template="PREFIX">...the empty form's row, with __prefix__ and __row__...</template>
//   <tbody or ol data-formset-rows="PREFIX">...the rows...</tbody>
//   <button name="add_rows" value="PREFIX" data-formset-add="PREFIX">Add a row</button>
// __prefix__ becomes the new row's index (as Django names its fields), __row__ its number from 1 (as
// the page names its rows: "Participant 3: State").
"use strict";

(function () {
  // Whether the page has what the script needs; then it adds the row, if the formset has room for one.
  function addRow(prefix, button) {
    var template = document.querySelector('template[data-formset-template="' + prefix + '"]');
    var rows = document.querySelector('[data-formset-rows="' + prefix + '"]');
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var maximum = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    if (!template || !rows || !total) {
      return false;
    }
    var index = parseInt(total.value, 10);
    if (maximum && index >= parseInt(maximum.value, 10)) {
      button.disabled = true;
      return true;
    }
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__row__/g, String(index + 1));
    var holder = document.createElement(rows.tagName === "TBODY" ? "tbody" : "div");
    holder.innerHTML = html;
    var added = [];
    while (holder.firstElementChild) {
      added.push(rows.appendChild(holder.firstElementChild));
    }
    total.value = String(index + 1);
    for (var i = 0; i < added.length; i += 1) {
      var field = added[i].querySelector("input:not([type=hidden]), select, textarea");
      if (field) {
        field.focus();
        break;
      }
    }
    return true;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (button && addRow(button.getAttribute("data-formset-add"), button)) {
      event.preventDefault();
    }
  });
})();
