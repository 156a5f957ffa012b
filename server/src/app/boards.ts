import type { Board } from '../core/board.ts';
import { cloudtrailBoard } from '../boards/cloudtrail/board.ts';
import { clusterBoard } from '../boards/cluster/board.ts';
import { containersBoard } from '../boards/containers/board.ts';
import { deploymentsBoard } from '../boards/deployments/board.ts';
import { imagesBoard } from '../boards/images/board.ts';
import { tracesBoard } from '../boards/traces/board.ts';

/**
 * The boards this app serves, in navigation order. Adding a board is its folder, its import and
 * its entry here: routes, configuration (and the README's table), templates, demo, sinks and
 * alert sources come from its `defineBoard`.
 */
export const boards: Board[] = [
  cloudtrailBoard,
  containersBoard,
  deploymentsBoard,
  imagesBoard,
  tracesBoard,
  clusterBoard,
];
