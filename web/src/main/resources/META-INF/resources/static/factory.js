/*
 * Draws a production order's Gantt chart from the data-gantt attribute of an element with class "gantt"
 * (built on the server by io.ipsc.web.factory.Gantt from manufacturing-service's schedule):
 *   {"days": ["15-01-2024", ...], "bars": [{"label": "Assembly Line 1 · 10 Assembly", "from": 0, "to": 2, "minutes": "640"}]}
 * Each bar runs from the start of its first day to the end of its last: an invisible bar as long as the days
 * before it, then the operation's own, stacked. ECharts comes from its webjar, fetched only on such a page.
 * No eval and no inline style attribute: the page's Content-Security-Policy allows neither.
 */
(function () {
  'use strict';

  var ECHARTS_URL = '/webjars/echarts/dist/echarts.min.js';

  function withEcharts(then) {
    if (window.echarts) {
      then(window.echarts);
      return;
    }
    var script = document.createElement('script');
    script.src = ECHARTS_URL;
    script.onload = function () { then(window.echarts); };
    document.head.appendChild(script);
  }

  function draw(element, echarts) {
    var spec;
    try {
      spec = JSON.parse(element.dataset.gantt || 'null');
    } catch (e) {
      spec = null;
    }
    if (!spec || !spec.bars || spec.bars.length === 0 || element.dataset.ganttDrawn) {
      return;
    }
    element.dataset.ganttDrawn = 'true';
    element.textContent = '';
    var colour = getComputedStyle(element).getPropertyValue('--ipsc-primary').trim() || '#1f4e79';
    // Top to bottom in the order given: ECharts lists a category axis from the bottom up.
    var bars = spec.bars.slice().reverse();
    var days = spec.days;
    var chart = echarts.init(element, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item', confine: true, renderMode: 'richText',
        formatter: function (p) {
          var b = bars[p.dataIndex];
          return b.label + '\n' + days[b.from] + ' to ' + days[b.to] + ' · ' + b.minutes + ' min';
        }
      },
      xAxis: {
        type: 'value', min: 0, max: days.length, interval: 1, splitLine: { show: true },
        axisLabel: { hideOverlap: true, formatter: function (v) { return v < days.length ? days[v].slice(0, 5) : ''; } }
      },
      yAxis: { type: 'category', data: bars.map(function (b) { return b.label; }) },
      series: [
        { type: 'bar', stack: 'day', silent: true, itemStyle: { color: 'transparent' },
          data: bars.map(function (b) { return b.from; }) },
        { type: 'bar', stack: 'day', name: 'Planned', itemStyle: { color: colour }, barMaxWidth: 28,
          data: bars.map(function (b) { return b.to - b.from + 1; }) }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function drawAll() {
    var elements = document.querySelectorAll('.gantt[data-gantt]');
    if (elements.length === 0) {
      return;
    }
    withEcharts(function (echarts) {
      elements.forEach(function (element) { draw(element, echarts); });
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
}());
