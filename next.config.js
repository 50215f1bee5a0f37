/**
 * Security headers for every response. server/security-headers.ts is the documented source (and its
 * test checks this copy matches it): Node 20 cannot import TypeScript from the config file.
 * script-src allows 'unsafe-inline' because the App Router streams its RSC payload as inline scripts
 * and nonces would force every page to render per request; `next dev` also needs 'unsafe-eval'.
 * @param {{ dev: boolean }} options
 */
export function securityHeaders({ dev }) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  return [
    { key: 'Content-Security-Policy', value: csp },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'same-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node is ESM with Node-only dependencies; load it from node_modules at run time
  // instead of bundling it into every route.
  serverExternalPackages: ['@kubernetes/client-node'],
  poweredByHeader: false,
  reactStrictMode: true,
  // A self-contained server.js for the container image (Dockerfile); `next start` does not serve
  // standalone output, so local builds keep the default.
  ...(process.env.DAEMONSCOPE_STANDALONE === '1' ? { output: 'standalone' } : {}),
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders({ dev: process.env.NODE_ENV === 'development' }) }];
  },
};

export default nextConfig;
