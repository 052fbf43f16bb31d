// Shared files (docs/protocol.md §5): uploads with progress and cancel, downloads with the identity token. Neither
// <img src> nor a link can send the Authorization header, so files are fetched with it and shown through blob: URLs,
// which only this page can read; a file URL copied out of the page is of no use without the token.

/** "812 bytes", "3.4 KB", "24.8 MB" (1024-based, as the server's errors say it). */
export function formatSize(bytes) {
  if (bytes >= 1024 ** 3) return `${trim(bytes / 1024 ** 3)} GB`;
  if (bytes >= 1024 ** 2) return `${trim(bytes / 1024 ** 2)} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function trim(value) {
  return String(Math.round(value * 10) / 10);
}

/** The person-readable reason of a refused upload, from its HTTP status and `{ error }` body. */
export function uploadError(status, body) {
  if (body?.error) return body.error;
  if (status === 413) return 'The file is too large.';
  if (status === 415) return 'This kind of file is not allowed.';
  if (status === 401) return 'Your session has ended: reload the page.';
  if (status === 0) return 'The server cannot be reached. Please try again.';
  return `The upload failed (HTTP ${status}).`;
}

/** The name a pasted or dropped file is shared under: its own, or "screenshot-<time>.png" for a nameless paste. */
export function fileName(file, now = new Date()) {
  if (file.name && file.name !== 'image.png') return file.name;
  const stamp = now.toISOString().slice(0, 19).replace(/[T:]/g, '-');
  const extension = (file.type.split('/')[1] ?? 'bin').replace('jpeg', 'jpg');
  return `screenshot-${stamp}.${extension}`;
}

/**
 * Starts an upload of `file` to a room; `progress(fraction)` follows the bytes sent. Returns { done, cancel }:
 * `done` resolves with the server's answer ({ seq, at, duplicate, attachment }) or rejects with an Error whose
 * message is for the person (`cancelled` true when cancel() stopped it).
 */
export function upload(roomId, file, token, clientMsgId, progress) {
  const request = new XMLHttpRequest();
  const done = new Promise((resolve, reject) => {
    const query = new URLSearchParams({ name: fileName(file), clientMsgId });
    request.open('POST', `/api/rooms/${encodeURIComponent(roomId)}/files?${query}`);
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.responseType = 'json';
    request.upload.addEventListener('progress', event => {
      if (event.lengthComputable) progress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) resolve(request.response);
      else reject(new Error(uploadError(request.status, request.response)));
    });
    request.addEventListener('error', () => reject(new Error(uploadError(0, null))));
    request.addEventListener('abort', () => reject(Object.assign(new Error('Upload cancelled.'), { cancelled: true })));
    request.send(file);
  });
  return { done, cancel: () => request.abort() };
}

/**
 * Blob URLs by key, each loaded once (`load()` → Promise of a blob: URL) and kept until `max` newer ones push it out;
 * a load that fails is forgotten, so a later ask tries again.
 */
export class BlobUrls {
  #max;
  #urls = new Map(); // key → Promise<string>

  constructor(max) {
    this.#max = max;
  }

  get(key, load) {
    let url = this.#urls.get(key);
    if (!url) {
      url = load();
      url.catch(() => this.#urls.delete(key));
      this.#urls.set(key, url);
      if (this.#urls.size > this.#max) this.release(this.#urls.keys().next().value);
    }
    return url;
  }

  release(key) {
    const url = this.#urls.get(key);
    this.#urls.delete(key);
    url?.then(URL.revokeObjectURL, () => {});
  }
}

/** GET `path` with the identity token, as a blob: URL; rejects with `HTTP <status>` (or `missing` for a 404). */
export async function fetchBlobUrl(path, token, missing = 'HTTP 404') {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(response.status === 404 ? missing : `HTTP ${response.status}`);
  return URL.createObjectURL(await response.blob());
}

/** Blob URLs of fetched files and thumbnails, fetched once per page and variant; the oldest are released. */
export class FileLoader {
  #token;
  #urls = new BlobUrls(200); // `${id}/${variant}`

  /** @param token () => the current identity token */
  constructor(token) {
    this.#token = token;
  }

  /** A blob: URL of the file (`thumbnail` true: its thumbnail); rejects when the file is gone or not ours to see. */
  url(id, thumbnail = false) {
    return this.#urls.get(`${id}/${thumbnail ? 'thumb' : 'file'}`, () =>
      fetchBlobUrl(`/api/files/${encodeURIComponent(id)}${thumbnail ? '/thumb' : ''}`, this.#token(), 'This file is no longer available.'));
  }

  /** Saves the file under its name, as a download of the browser. */
  async download(attachment) {
    const url = await this.url(attachment.id);
    const link = Object.assign(document.createElement('a'), { href: url, download: attachment.name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  /** The file was deleted: its URLs go. */
  forget(id) {
    this.#urls.release(`${id}/file`);
    this.#urls.release(`${id}/thumb`);
  }
}
