import type { Board } from '../core/board.ts';
import { cloudtrailBoard } from '../boards/cloudtrail/board.ts';
import { containersBoard } from '../boards/containers/board.ts';
import { deploymentsBoard } from '../boards/deployments/board.ts';
import { imagesBoard } from '../boards/images/board.ts';

/**
 * The boards this app serves, in navigation order. Adding a board is its folder and one line
 * here; the app, the configuration and the OpenAPI document pick everything up from the board.
 */
export const boards: Board[] = [cloudtrailBoard, containersBoard, deploymentsBoard, imagesBoard];
