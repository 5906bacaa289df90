# syntax=docker/dockerfile:1.19
# One image for both processes of the platform: `npm start` (API + projection runners) and
# `npm run worker` (projection runners only). docker-compose.yml picks the command.
#
# The code runs through tsx, straight from the TypeScript sources (there is no separate build
# step in this project), so the image keeps the dev dependencies that tsx comes from.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- dependencies: compiled here, with a toolchain the final image does not carry -------------
FROM ${NODE_IMAGE} AS deps
# better-sqlite3 (the embedded stores; still loaded by the composition root) is a native module.
# When no prebuilt binary can be downloaded it is compiled with node-gyp, which needs Python, make
# and a C++ compiler; npm_config_nodedir points node-gyp at the headers the node image already
# ships, so the build does not download them either.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# --- runtime -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
# Everything else from the build context, except what must come from this image (node_modules,
# built for this platform above) or must never be baked in (local data, secrets, test output).
COPY --chown=node:node \
     --exclude=node_modules --exclude=.git --exclude=data --exclude=.data --exclude=coverage \
     --exclude=test-artifacts --exclude=.nyc_output --exclude=*.sqlite* --exclude=.env* \
     . .
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# No HEALTHCHECK here: the worker runs from this image too and serves no HTTP. The API's check
# is in docker-compose.yml.
CMD ["npm", "start"]
