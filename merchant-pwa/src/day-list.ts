/**
 * The API's list of the merchant's records for a day (all its devices), with each offer's title,
 * the device's name and where a refused double presentment stands. Online only: null when the
 * network is not there (the screens then show this phone's own log).
 */
import { RedemptionList } from '../../shared/api/merchant.ts';
import { deviceRequest, NetworkError } from './api.ts';
import { markOnline } from './session.ts';

export async function fetchDayList(day: string): Promise<RedemptionList | null> {
  try {
    const list = await deviceRequest('GET', `/v1/merchant/redemptions?day=${day}`, RedemptionList, {
      timeoutMs: 8000,
    });
    markOnline(true);
    return list;
  } catch (e) {
    if (e instanceof NetworkError) markOnline(false);
    return null;
  }
}
