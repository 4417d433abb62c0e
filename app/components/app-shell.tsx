import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { ROLE_LABELS, type Role } from "~/auth/roles";
import { Button } from "./button";
import { FlashRegion } from "./flash-message";
import { visibleNav, type NavItem } from "./navigation";

export interface ShellUser {
  name: string;
  email: string;
  role: Role;
}

export function BrandMark() {
  return (
    <span className="brand-mark" aria-hidden="true">
      LP
    </span>
  );
}

/** The signed-in frame: brand, workspace navigation, the user with sign-out, then the page. */
export function AppShell({
  user,
  context,
  home,
  nav,
  children,
}: {
  user: ShellUser;
  /** Who the workspace belongs to: the partner company, or the vendor's channel team. */
  context: string;
  home: string;
  nav: NavItem[];
  children: ReactNode;
}) {
  const items = visibleNav(nav, user.role);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <div className="shell-bar">
          <Link to={home} className="brand">
            <BrandMark />
            <span>Lead Portal</span>
            <span className="brand-context">{context}</span>
          </Link>
          <div className="shell-user">
            <span className="shell-user-name">
              <span>{user.name}</span>
              <span className="shell-user-role">{ROLE_LABELS[user.role]}</span>
            </span>
            <NavLink to="/account">Account</NavLink>
            <Form method="post" action="/logout">
              <input type="hidden" name="intent" value="sign-out" />
              <Button type="submit" variant="ghost" size="small">
                Sign out
              </Button>
            </Form>
          </div>
        </div>
        {items.length > 0 ? (
          <nav className="shell-nav" aria-label="Workspace">
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} prefetch="intent">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        <FlashRegion />
        {children}
      </main>
      <footer className="shell-footer">Partner Lead Portal</footer>
    </div>
  );
}

/** The signed-out frame: the brand above one card. */
export function AuthLayout({
  title,
  description,
  children,
  note,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  note?: ReactNode;
}) {
  return (
    <main id="main" className="auth">
      <p className="auth-brand">
        <BrandMark />
        <span>Lead Portal</span>
      </p>
      <div className="auth-card">
        <div className="stack-tight">
          <h1>{title}</h1>
          {description ? <p className="muted">{description}</p> : null}
        </div>
        <FlashRegion />
        {children}
      </div>
      {note ? <p className="auth-note">{note}</p> : null}
    </main>
  );
}
