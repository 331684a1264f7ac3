import { forwardRef } from 'react';
import { Link, NavLink, useSearchParams, type LinkProps, type NavLinkProps } from 'react-router';
import { withParam } from '../../lib/url-state';

/** The current `asOf` (and `knownAt`), carried over so a chosen date stays while one moves around the app. */
function useWithAsOf(to: string): string {
  const [params] = useSearchParams();
  return withParam(withParam(to, 'asOf', params.get('asOf') ?? undefined), 'knownAt', params.get('knownAt') ?? undefined);
}

type AppLinkProps = Omit<LinkProps, 'to'> & { to: string };

/** A link inside the app that keeps the chosen "as of" date. */
export const AppLink = forwardRef<HTMLAnchorElement, AppLinkProps>(function AppLink({ to, ...props }, ref) {
  return <Link ref={ref} to={useWithAsOf(to)} {...props} />;
});

type AppNavLinkProps = Omit<NavLinkProps, 'to'> & { to: string };

/** A navigation link: `aria-current="page"` on the current page, and it keeps the "as of" date. */
export function AppNavLink({ to, ...props }: AppNavLinkProps) {
  return <NavLink to={useWithAsOf(to)} {...props} />;
}
