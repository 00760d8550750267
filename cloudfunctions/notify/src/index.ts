// The `notify` cloud function (subscription authorisations). The code lives in server/notify.
import { notifyFunction } from '@server/notify/notify-function';

export const main = notifyFunction.main;
