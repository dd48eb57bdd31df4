// The persistence chart: Chart.js with only the bar chart's parts registered, loaded on demand.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { PERSISTENCE_BUCKETS, type PersistenceFigures } from '../../lib/report/feedback-friday';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export default function PersistenceChart({
  figures,
  published,
}: {
  figures: PersistenceFigures;
  published: number[];
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    // No 2D context (a test DOM, a locked-down browser): the table beside it says the same.
    if (!canvas || !canvas.getContext?.('2d')) return;
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
    const text = dark ? '#e6e9ed' : '#1b1f24';
    const chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: [...PERSISTENCE_BUCKETS],
        datasets: [
          { label: 'Your leads (%)', data: [...figures.percentages], backgroundColor: '#1f6feb' },
          { label: 'Salespeople who stop (%)', data: published, backgroundColor: '#9aa5b1' },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: {
            title: { display: true, text: 'Touches before stopping', color: text },
            ticks: { color: text },
          },
          y: { beginAtZero: true, max: 100, ticks: { color: text } },
        },
        plugins: { legend: { labels: { color: text } } },
      },
    });
    return () => chart.destroy();
  }, [figures, published]);
  return (
    <div className="chart" style={{ height: 180 }}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`Your leads stopped after 1, 2, 3, 4, 5+ touches: ${figures.percentages.join('%, ')}%`}
      />
    </div>
  );
}
