# Daemonscope as a container: `docker build -t daemonscope:0.1.0 .` from the repository root.
# Three stages: dependencies from the lockfile, a standalone Next.js build, and a slim runtime that
# holds only the traced server, runs as uid 65532 and writes nothing outside /tmp.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# public/ is empty and so absent from a fresh clone; the runtime stage copies it.
RUN mkdir -p public
# DAEMONSCOPE_STANDALONE=1 switches next.config.js to `output: 'standalone'` (server.js plus the
# node_modules it traced); local `next start` builds keep the default output.
RUN DAEMONSCOPE_STANDALONE=1 node node_modules/next/dist/bin/next build
# Proxy mode's front server (scripts/front-server.ts), bundled beside server.js: `next` comes from the
# standalone node_modules, everything else it needs is inside the bundle.
RUN node_modules/.bin/esbuild scripts/front-server.ts --bundle --platform=node --format=cjs \
      --external:next --outfile=.next/standalone/front-server.cjs

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DAEMONSCOPE_NO_DEMO=1 \
    DAEMONSCOPE_AUTH_MODE=token \
    DAEMONSCOPE_AUDIT_LOG=/tmp/audit.log \
    HOME=/tmp
COPY --from=build --chown=65532:65532 /app/.next/standalone ./
COPY --from=build --chown=65532:65532 /app/.next/static ./.next/static
COPY --from=build --chown=65532:65532 /app/public ./public
USER 65532:65532
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Token mode by default (ENV above): the image listens on every address, so nobody may act with its
# ServiceAccount's identity; each user signs in with their own token. Proxy mode runs
# `node front-server.cjs --standalone 0.0.0.0 3000` instead (README, "Deploying in a cluster").
CMD ["node", "server.js"]
