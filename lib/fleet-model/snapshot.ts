/**
 * Turning the model's typed arrays into the wire's strings: one char per cell, `.` for free slots.
 */
import { CELL_CODES } from '../cell-state';
import type { Column } from './column';
import type { Rows } from './rows';
import { EMPTY_SLOT, type FleetColumn, type FleetSnapshot } from './types';

/** Char code of each cell code index; the empty slot char everywhere else. */
const CHAR_OF_CODE = new Uint8Array(256).fill(EMPTY_SLOT.charCodeAt(0));
CELL_CODES.forEach((code, index) => {
  CHAR_OF_CODE[index] = code.charCodeAt(0);
});

/** String.fromCharCode takes its arguments on the stack; chunks keep large columns safe. */
const CHUNK = 8192;

/** The first `length` cells of a code array as a string. */
export function codesToString(codes: Uint8Array, length: number): string {
  const chars = new Uint8Array(length);
  for (let i = 0; i < length; i++) chars[i] = CHAR_OF_CODE[codes[i] ?? 255] ?? 0;
  let text = '';
  for (let start = 0; start < length; start += CHUNK) {
    text += String.fromCharCode(...chars.subarray(start, Math.min(length, start + CHUNK)));
  }
  return text;
}

/** A column as the snapshot carries it. */
export function columnToWire(column: Column, rowSlots: number): FleetColumn {
  return { ...column.summary(), cells: codesToString(column.codes, rowSlots) };
}

/** The code of one row in every column slot, as a string. */
export function rowCells(columns: readonly (Column | undefined)[], row: number): string {
  let text = '';
  for (const column of columns)
    text += column === undefined ? EMPTY_SLOT : (column.codeAt(row) ?? EMPTY_SLOT);
  return text;
}

/** The whole grid. */
export function buildSnapshot(rows: Rows, columns: readonly (Column | undefined)[]): FleetSnapshot {
  const slots = rows.slotCount;
  return {
    rows: rows.names.slice(),
    columns: columns.map((column) => (column === undefined ? null : columnToWire(column, slots))),
  };
}
