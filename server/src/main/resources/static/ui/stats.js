// Draws the statistics pages from the JSON in #stats[data-stats]; the pages have no inline script.
document.addEventListener("DOMContentLoaded", () => {
  const holder = document.getElementById("stats");
  if (!holder || typeof Chart === "undefined") {
    return;
  }
  const data = JSON.parse(holder.dataset.stats);
  const labels = holder.dataset;
  const line = (id, datasets, xLabels) =>
    new Chart(document.getElementById(id), { type: "line", data: { labels: xLabels, datasets }, options: { animation: false } });
  const bar = (id, label, xLabels, values) =>
    new Chart(document.getElementById(id), {
      type: "bar",
      data: { labels: xLabels, datasets: [{ label, data: values }] },
      options: { animation: false },
    });
  // Charts the server describes whole: type, labels and datasets; a canvas only exists when there is data.
  Object.entries(data.charts || {}).forEach(([id, chart]) => {
    const canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    const stacked = { x: { stacked: chart.stacked }, y: { stacked: chart.stacked, beginAtZero: true } };
    new Chart(canvas, {
      type: chart.type,
      data: { labels: chart.labels, datasets: chart.datasets },
      options: { animation: false, scales: stacked },
    });
  });
  if (!document.getElementById("chart-codes")) {
    return;
  }
  line("chart-codes", [
    { label: labels.labelIssued, data: data.issued },
    { label: labels.labelClaimed, data: data.claimed },
    { label: labels.labelInvalid, data: data.invalid },
  ], data.days);
  line("chart-latency", [{ label: labels.labelMeanAge, data: data.meanClaimAgeMinutes }], data.days);
  bar("chart-ages", labels.labelClaims, data.claimAgeBuckets, data.claimAges);
  line("chart-keys", Object.entries(data.perApiKey).map(([name, values]) => ({ label: name, data: values })), data.days);
  bar("chart-issuers", labels.labelIssued, Object.keys(data.externalIssuers), Object.values(data.externalIssuers));
  bar("chart-users", labels.labelIssued, Object.keys(data.perUser), Object.values(data.perUser));
});
