// Draws the statistics pages from the JSON in #stats[data-stats]; the pages have no inline script.
// Days run oldest to newest from the start of the axis; counts have whole-number ticks and an axis that starts at 0
// (0 to 1 when everything is 0), and a chart with nothing in it says so instead of drawing empty lines.
document.addEventListener("DOMContentLoaded", () => {
  const holder = document.getElementById("stats");
  if (!holder || typeof Chart === "undefined") {
    return;
  }
  const data = JSON.parse(holder.dataset.stats);
  const labels = holder.dataset;
  const axes = (stacked, wholeNumbers) => ({
    x: { stacked },
    y: { stacked, min: 0, suggestedMax: 1, ticks: wholeNumbers ? { precision: 0 } : {} },
  });
  const isEmpty = (datasets) => datasets.every((dataset) => dataset.data.every((value) => !value));
  // Replaces the canvas by the page's "nothing in these days" text when no dataset has a value.
  const draw = (id, type, xLabels, datasets, { stacked = false, wholeNumbers = true } = {}) => {
    const canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    if (xLabels.length === 0 || isEmpty(datasets)) {
      const empty = document.createElement("p");
      empty.className = "text-body-secondary chart-empty";
      empty.textContent = labels.emptyText;
      canvas.replaceWith(empty);
      return;
    }
    new Chart(canvas, {
      type,
      data: { labels: xLabels, datasets },
      options: { animation: false, scales: axes(stacked, wholeNumbers) },
    });
  };
  // Charts the server describes whole: type, labels and datasets; a canvas only exists when there is data.
  Object.entries(data.charts || {}).forEach(([id, chart]) => {
    draw(id, chart.type, chart.labels, chart.datasets, { stacked: chart.stacked });
  });
  if (!document.getElementById("chart-codes")) {
    return;
  }
  draw("chart-codes", "line", data.days, [
    { label: labels.labelIssued, data: data.issued },
    { label: labels.labelClaimed, data: data.claimed },
    { label: labels.labelInvalid, data: data.invalid },
  ]);
  draw("chart-latency", "line", data.days, [{ label: labels.labelMeanAge, data: data.meanClaimAgeMinutes }], {
    wholeNumbers: false,
  });
  draw("chart-ages", "bar", data.claimAgeBuckets, [{ label: labels.labelClaims, data: data.claimAges }]);
  draw(
    "chart-keys",
    "line",
    data.days,
    Object.entries(data.perApiKey).map(([name, values]) => ({ label: name, data: values })),
  );
  const issuers = Object.keys(data.externalIssuers);
  draw("chart-issuers", "bar", issuers, [{ label: labels.labelIssued, data: Object.values(data.externalIssuers) }]);
  draw("chart-users", "bar", Object.keys(data.perUser), [{ label: labels.labelIssued, data: Object.values(data.perUser) }]);
});
