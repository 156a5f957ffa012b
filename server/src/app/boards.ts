import type { Board } from '../core/board.ts';
import { cloudtrailBoard } from '../boards/cloudtrail/board.ts';
import { imagesBoard } from '../boards/images/board.ts';
import { deploymentsBoard } from '../boards/deployments/board.ts';
import { containersBoard } from '../boards/containers/board.ts';
import { clusterBoard } from '../boards/cluster/board.ts';

/**
 * The boards this app serves, in navigation order. The app layer composes boards; a board is
 * added here and nowhere else.
 */
export const boards: Board[] = [
  cloudtrailBoard,
  containersBoard,
  deploymentsBoard,
  imagesBoard,
  clusterBoard,
];
