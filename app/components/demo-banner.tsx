/** The slim strip on every page while a demo user still signs in with the public password. */
export function DemoBanner() {
  return (
    <p className="demo-banner" role="note">
      <strong>Demo data</strong> — sign-ins are public. For real work, start empty (<code>npm start -- --empty</code>)
      or use PostgreSQL.
    </p>
  );
}
