/*
 * Draws every element with class "chart" from its data-chart attribute (JSON; contract in web/README.md,
 * built on the server by io.ipsc.web.chart.Chart):
 *   {"type": "bar" | "line", "unit": "rupees" | "ms" | "", "horizontal": false,
 *    "labels": ["Apr 2025", ...], "series": [{"name": "Invoiced", "values": [1200.5, ...], "type": "line"}],
 *    "links": ["/t/acme/cashflow/invoices?ageing=0-30", ...]}   (optional: a click on a label's bars or on the label goes there)
 * A series may carry "links" of its own, one per value: a click on its bars goes there instead (money in and money out
 * of the same month open different lists).
 * ECharts (the webjar) is loaded only on a page that has a chart, and charts arriving with an htmx swap
 * are drawn too. The element's own content is what shows without script or without data ("No figures yet").
 * No eval and no inline style attribute: the page's Content-Security-Policy allows neither.
 */
(function () {
  'use strict';

  var ECHARTS_URL = '/webjars/echarts/dist/echarts.min.js';
  var FALLBACK_COLOURS = ['#1f4e79', '#2e7d32', '#f9a825', '#6a1b9a', '#00838f', '#c62828'];
  var rupees = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 2 });
  var rupeesShort = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', maximumFractionDigits: 0 });
  var plain = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 });
  var loading = null;

  function loadEcharts() {
    if (window.echarts) {
      return Promise.resolve(window.echarts);
    }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = ECHARTS_URL;
        script.onload = function () { resolve(window.echarts); };
        script.onerror = function () { loading = null; reject(new Error('echarts did not load')); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  /** Tooltips say the unit; the axis (compact) keeps only the rupee sign, the caption names the rest. */
  function formatter(unit, compact) {
    if (unit === 'rupees') {
      return function (v) { return v == null ? '–' : (compact ? rupeesShort : rupees).format(v); };
    }
    var suffix = unit && !compact ? ' ' + unit : '';
    return function (v) { return v == null ? '–' : plain.format(v) + suffix; };
  }

  /** The brand's colours first (a tenant's theme.css sets them), then a fixed palette. */
  function colours(element) {
    var style = getComputedStyle(element);
    var brand = ['--ipsc-primary', '--ipsc-secondary', '--ipsc-accent'].map(function (name) {
      return style.getPropertyValue(name).trim();
    }).filter(function (c) { return c; });
    return brand.concat(FALLBACK_COLOURS);
  }

  function hasFigures(spec) {
    return spec && Array.isArray(spec.labels) && spec.labels.length > 0 && Array.isArray(spec.series)
      && spec.series.some(function (s) { return Array.isArray(s.values) && s.values.length > 0; });
  }

  function option(spec, element) {
    var full = formatter(spec.unit, false);
    var compact = formatter(spec.unit, true);
    // A few categories (the four ageing buckets) are each named, wrapped if need be: hiding overlaps dropped
    // "31–60 days" and "Over 90 days" under a wide rupee axis. Many (twelve months) thin out instead.
    var fewLabels = spec.labels.length <= 6;
    var categoryAxis = { type: 'category', data: spec.labels, triggerEvent: linked(spec),
      axisLabel: fewLabels ? { interval: 0, width: 80, overflow: 'break' } : { hideOverlap: true } };
    var valueAxis = { type: 'value', axisLabel: { formatter: compact } };
    if (spec.unit === 'rupees') {
      // Ticks a rupee apart at least: an empty month otherwise gets 0.2-rupee ticks, all printed ₹0 or ₹1.
      valueAxis.minInterval = 1;
    }
    return {
      color: colours(element),
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      // Drawn on the canvas: an HTML tooltip would carry style attributes, which the CSP refuses.
      tooltip: { trigger: 'axis', valueFormatter: full, confine: true, renderMode: 'richText' },
      xAxis: spec.horizontal ? valueAxis : categoryAxis,
      yAxis: spec.horizontal ? categoryAxis : valueAxis,
      series: spec.series.map(function (s) {
        return { name: s.name, type: s.type || spec.type || 'bar', data: s.values, smooth: false };
      })
    };
  }

  /** Only addresses on this site are followed (a path, never a scheme or another host). */
  function sameSite(links, count) {
    return Array.isArray(links) && links.length === count
      && links.every(function (href) { return typeof href === 'string' && href.charAt(0) === '/' && href.charAt(1) !== '/'; });
  }

  function linked(spec) {
    return sameSite(spec.links, spec.labels.length);
  }

  function seriesLinks(spec, index) {
    var s = spec.series[index];
    return s && sameSite(s.links, s.values.length) ? s.links : null;
  }

  function anyLinks(spec) {
    return linked(spec) || spec.series.some(function (s, i) { return seriesLinks(spec, i) !== null; });
  }

  /** A click on a bar opens its series' link, else its label's; a click on a label opens the label's link. */
  function followLinks(chart, spec) {
    if (!anyLinks(spec)) {
      return;
    }
    chart.on('click', function (params) {
      var own = params.componentType === 'series' ? seriesLinks(spec, params.seriesIndex) : null;
      var links = own || (linked(spec) ? spec.links : null);
      var index = params.componentType === 'series' ? params.dataIndex : spec.labels.indexOf(params.value);
      if (links && index >= 0 && index < links.length) {
        window.location.assign(links[index]);
      }
    });
  }

  function draw(element, echarts) {
    if (element.dataset.chartDrawn) {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(element.dataset.chart || 'null');
    } catch (e) {
      spec = null;
    }
    if (!hasFigures(spec)) {
      element.classList.add('chart-empty');
      return;
    }
    element.dataset.chartDrawn = 'true';
    element.textContent = '';
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption(option(spec, element));
    followLinks(chart, spec);
    if (anyLinks(spec)) {
      element.dataset.chartLinked = 'true';
    }
  }

  function drawWithin(root) {
    var elements = [];
    if (root.classList && root.classList.contains('chart')) {
      elements.push(root);
    }
    if (root.querySelectorAll) {
      elements = elements.concat(Array.prototype.slice.call(root.querySelectorAll('.chart')));
    }
    if (elements.length === 0) {
      return;
    }
    loadEcharts().then(function (echarts) {
      elements.forEach(function (element) { draw(element, echarts); });
    }, function () {
      elements.forEach(function (element) { element.classList.add('chart-failed'); });
    });
  }

  function resizeAll() {
    if (!window.echarts) {
      return;
    }
    document.querySelectorAll('.chart[data-chart-drawn]').forEach(function (element) {
      var chart = window.echarts.getInstanceByDom(element);
      if (chart) {
        chart.resize();
      }
    });
  }

  /* A chart swapped out by htmx lets go of its canvas and listeners. */
  document.addEventListener('htmx:beforeCleanupElement', function (event) {
    var element = event.target;
    if (window.echarts && element.classList && element.classList.contains('chart')) {
      window.echarts.dispose(element);
    }
  });
  document.addEventListener('htmx:load', function (event) { drawWithin(event.target); });
  window.addEventListener('resize', resizeAll);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { drawWithin(document.body); });
  } else {
    drawWithin(document.body);
  }
}());
