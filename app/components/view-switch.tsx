import { ButtonLink } from "./button";

/**
 * Two or more views of one list (open / closed), as links kept in the URL: the current one
 * is marked for assistive technology and looks pressed.
 */
export function ViewSwitch({
  label,
  views,
}: {
  label: string;
  views: { to: string; label: string; current: boolean }[];
}) {
  return (
    <nav className="view-switch" aria-label={label}>
      {views.map((v) => (
        <ButtonLink
          key={v.to}
          to={v.to}
          size="small"
          variant={v.current ? "primary" : "secondary"}
          aria-current={v.current ? "page" : undefined}
        >
          {v.label}
        </ButtonLink>
      ))}
    </nav>
  );
}
