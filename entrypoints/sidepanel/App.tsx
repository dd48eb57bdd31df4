export function App() {
  return <h1>Fifth Touch</h1>;
}
