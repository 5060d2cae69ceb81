export function App() {
  return <h1>CDP Lab</h1>;
}
