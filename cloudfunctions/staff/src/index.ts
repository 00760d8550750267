// The `staff` cloud function (the back office). The code lives in server/staff.
import { staffFunction } from '@server/staff/staff-function';

export const main = staffFunction.main;
