// The few files the pages load: a fixed list (no paths from the request reach the file system).
// Styles and scripts are revalidated by ETag, or cached for good when asked for with their current
// version (`?v=`, which the templates add); the CJK font, 8 MB, is cached for good.
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../../common/errors.js';
import { ASSETS_DIR, CJK_WEB_FONT, packageFile } from './paths.js';

interface AssetSpec {
  file: string;
  type: string;
  /** Served from disk as a stream rather than kept in memory. */
  large?: boolean;
}

const ASSETS: Record<string, AssetSpec> = {
  'app.css': { file: path.join(ASSETS_DIR, 'app.css'), type: 'text/css; charset=utf-8' },
  'casework.css': { file: path.join(ASSETS_DIR, 'casework.css'), type: 'text/css; charset=utf-8' },
  'app.js': { file: path.join(ASSETS_DIR, 'app.js'), type: 'text/javascript; charset=utf-8' },
  'field-rules.js': { file: path.join(ASSETS_DIR, 'field-rules.js'), type: 'text/javascript; charset=utf-8' },
  'htmx.min.js': { file: packageFile('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  'noto-sans-sc-regular.otf': { file: CJK_WEB_FONT, type: 'font/otf', large: true },
};

const FOREVER = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

interface LoadedAsset {
  spec: AssetSpec;
  etag: string;
  version: string;
  content?: Buffer;
}

@Injectable()
export class StaticAssets {
  private readonly loaded = new Map<string, LoadedAsset>();

  /** The URL a template links to: carries the content version so a browser may cache it for good. */
  url(name: string): string {
    return `/assets/${name}?v=${this.load(name).version}`;
  }

  send(name: string, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const asset = this.load(name);
    const version = (request.query as Record<string, string | undefined>)?.v;
    reply.headers({
      'content-type': asset.spec.type,
      etag: asset.etag,
      'cache-control': asset.spec.large || version === asset.version ? FOREVER : REVALIDATE,
      'x-content-type-options': 'nosniff',
    });
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.send(asset.content ?? createReadStream(asset.spec.file));
  }

  private load(name: string): LoadedAsset {
    const known = this.loaded.get(name);
    if (known) return known;
    const spec = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!spec) throw new NotFoundError('ASSET_NOT_FOUND', '请求的文件不存在');
    let asset: LoadedAsset;
    if (spec.large) {
      const stat = statSync(spec.file);
      const version = `${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}`;
      asset = { spec, version, etag: `"${version}"` };
    } else {
      const content = readFileSync(spec.file);
      const version = createHash('sha256').update(content).digest('base64url').slice(0, 12);
      asset = { spec, version, etag: `"${version}"`, content };
    }
    this.loaded.set(name, asset);
    return asset;
  }
}
