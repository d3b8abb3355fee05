// Draws the pack's plotly figures from the JSON beside each one and switches the overview's metric.
// Runs from file://: no fetch, no module, no request of any kind.
(function () {
  "use strict";
  // The base map is already in window.PlotlyGeoAssets (world_50m.js); should plotly still look for a file,
  // it looks beside this script, never on plotly's CDN.
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  var CONFIG = {displaylogo: false, responsive: true, topojsonURL: here,
                modeBarButtonsToRemove: ["select2d", "lasso2d"]};

  function draw(div) {
    if (div.dataset.drawn) return;
    div.dataset.drawn = "1";
    var figure = JSON.parse(document.getElementById(div.id + "-json").textContent);
    Plotly.newPlot(div, figure.data, figure.layout, CONFIG).then(function () {
      // A click on a state of the world map opens its page, as on the dashboard (ISO3 is the last customdata item).
      div.on("plotly_click", function (event) {
        var point = event.points[0] || {};
        var iso3 = point.location || (point.customdata || [])[4];
        var link = iso3 && document.querySelector('a[href="country/' + iso3 + '.html"]');
        if (link) window.location.href = link.href;
      });
    });
  }

  // A chart drawn while hidden gets the wrong size: draw only what is on screen, the rest when shown.
  function drawVisible() {
    document.querySelectorAll(".plot").forEach(function (div) {
      if (div.offsetParent !== null) draw(div);
    });
  }

  var select = document.getElementById("metric-switcher");
  if (select) {
    var asked = /^#metric=(\w+)$/.exec(window.location.hash);
    if (asked && document.getElementById("metric-" + asked[1])) select.value = asked[1];
    var show = function () {
      document.querySelectorAll(".metric-panel").forEach(function (panel) {
        panel.hidden = panel.dataset.metric !== select.value;
      });
      drawVisible();
    };
    select.addEventListener("change", function () {
      window.location.hash = "metric=" + select.value;  // a copied address opens the same metric
      show();
    });
    show();
  }
  drawVisible();
})();
