// The persistence chart: Chart.js with only the bar chart's parts registered, loaded on demand.
// Per touch count, a stacked bar of where your leads stand (as a share of every lead touched),
// with stopping drawn apart from wins and replies, beside the published share of reps who stop.
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
import {
  LEAD_STANDINGS,
  PERSISTENCE_BUCKETS,
  STANDING_LABELS,
  type LeadStanding,
  type PersistenceFigures,
} from '../../lib/report/feedback-friday';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLOURS: Record<LeadStanding, string> = {
  working: '#1f6feb',
  replied: '#8250df',
  won: '#1a7f37',
  lost: '#9a6700',
  quiet: '#cf222e',
};

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
    const share = (n: number) => (figures.touched ? Math.round((n / figures.touched) * 100) : 0);
    const chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: [...PERSISTENCE_BUCKETS],
        datasets: [
          ...LEAD_STANDINGS.map((standing) => ({
            label: STANDING_LABELS[standing],
            data: figures.byTouches.map((bucket) => share(bucket[standing])),
            backgroundColor: COLOURS[standing],
            stack: 'yours',
          })),
          {
            label: 'Reps who stop (published)',
            data: published.slice(0, 4),
            backgroundColor: '#9aa5b1',
            stack: 'published',
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: {
            stacked: true,
            title: { display: true, text: 'Touches so far', color: text },
            ticks: { color: text },
          },
          y: { stacked: true, beginAtZero: true, max: 100, ticks: { color: text } },
        },
        plugins: { legend: { labels: { color: text, boxWidth: 10 } } },
      },
    });
    return () => chart.destroy();
  }, [figures, published]);
  const stopped = figures.stoppedPercentages;
  return (
    <div className="chart" style={{ height: 220 }}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`Leads you stopped on after 1, 2, 3, 4, 5+ touches, as a share of the ${figures.touched} you touched: ${stopped.join('%, ')}%; reps who stop (published): ${published.slice(0, 4).join('%, ')}%`}
      />
    </div>
  );
}
