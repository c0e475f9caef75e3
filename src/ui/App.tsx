export function App() {
  return (
    <main>
      <h1>CNN Playground</h1>
    </main>
  );
}
