import { Link, type LinkProps } from "@remix-run/react";
import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

interface StyleProps {
  variant?: ButtonVariant;
  size?: "medium" | "small";
  block?: boolean;
}

function buttonClass({ variant = "primary", size = "medium", block = false }: StyleProps, extra?: string): string {
  return ["button", `button-${variant}`, size === "small" && "button-small", block && "button-block", extra]
    .filter(Boolean)
    .join(" ");
}

export function Button({
  variant,
  size,
  block,
  className,
  type = "button",
  ...rest
}: StyleProps & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={buttonClass({ variant, size, block }, className)} {...rest} />;
}

/** A link that looks like a button (navigation, never a state change). */
export function ButtonLink({ variant = "secondary", size, block, className, ...rest }: StyleProps & LinkProps) {
  return <Link className={buttonClass({ variant, size, block }, className)} {...rest} />;
}
