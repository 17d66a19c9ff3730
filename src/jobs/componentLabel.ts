import * as l10n from '@vscode/l10n';
import { shortId } from '../format/time';
import { fileNameOfUrl } from './links';

/**
 * What sets one job of a legacy sharded restore apart from the others of its batch: its shard or
 * config-server replica set, as far as the job itself tells it. Atlas names the files of such a restore
 * after the cluster and the replica set, with a time stamp (`<cluster>-<replicaSet>-<timestamp>.tar.gz`),
 * so the name is read from the delivery file name, else from the hashes' file names, else the job's
 * `clusterId` (each shard is its own cluster in legacy backup) is all there is.
 */
const ARCHIVE = /\.(?:tar\.gz|tgz|tar|zip)$/i;

/** A trailing time stamp or serial number: an ISO or compact date (and time), or six digits and more. */
const TRAILING_STAMP =
  /[-_.](?:\d{4}-\d{2}-\d{2}(?:[T_-]?\d{2}[-:]?\d{2}(?:[-:]?\d{2}(?:\.\d+)?)?Z?)?|\d{8}(?:T?\d{4,6})?Z?|\d{6,}Z?)$/i;

/** A leading ObjectId (a project or job id some names start with). */
const LEADING_OBJECT_ID = /^[a-f0-9]{24}[-_.]/i;

const SEPARATOR = /[-_.]/;

/** The replica set a file name names, or undefined when it names nothing beyond the cluster. */
export function componentOfFileName(fileName: string, clusterName?: string): string | undefined {
  // Longer is no file name a file system keeps (and would only cost time to pick apart).
  if (fileName.length > 255) return undefined;
  let s = fileName.replace(ARCHIVE, '');
  for (let before = ''; before !== s; ) {
    before = s;
    s = s.replace(TRAILING_STAMP, '');
  }
  s = s.replace(LEADING_OBJECT_ID, '');
  const cluster = clusterName?.toLowerCase();
  if (cluster && s.toLowerCase().startsWith(cluster) && SEPARATOR.test(s.charAt(cluster.length))) {
    s = s.slice(cluster.length + 1);
  }
  s = s.replace(/^[-_.\s]+|[-_.\s]+$/g, '');
  if (!s || s.toLowerCase() === cluster || /^\d+$/.test(s)) return undefined;
  return s;
}

export interface ComponentClues {
  /** Delivery URLs of the job (`urlV2`, `url`), in the order to trust them. */
  urls: readonly string[];
  /** The file names of its hashes. */
  hashFileNames: readonly string[];
  clusterName?: string;
  clusterId?: string;
}

export function componentLabel(clues: ComponentClues): string | undefined {
  // A URL's last segment is a file name only when it looks like one; some paths end in an id.
  const fromUrls = clues.urls.map(fileNameOfUrl).filter((name) => ARCHIVE.test(name));
  for (const name of [...fromUrls, ...clues.hashFileNames]) {
    const label = componentOfFileName(name, clues.clusterName);
    if (label) return label;
  }
  return clues.clusterId ? l10n.t('cluster {0}', shortId(clues.clusterId)) : undefined;
}
