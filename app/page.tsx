export default function HomePage() {
  return <h1>Lumen Jewelry</h1>;
}
