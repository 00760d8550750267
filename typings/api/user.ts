/**
 * User actions of the `shop` cloud function. The user is always the caller (openid from the platform, never from
 * the input).
 */
import type { ActionSpec, NoInput } from '../envelope';
import type { Touch } from '../shop/attribution';
import type { EpochMs } from '../shop/common';

/** What the user centre shows. */
export interface UserProfile {
  nickname: string;
  /** The `cloud://` file id the client uploaded ('' = none). */
  avatarFileId: string;
  createdAt: EpochMs;
  firstTouch: Touch;
  lastTouch: Touch;
}

export interface EnterInput {
  /** Launch scene number (`wx.getEnterOptionsSync().scene`). */
  scene: number;
  /** Launch query (`wx.getEnterOptionsSync().query`); string values only. */
  query: Record<string, string>;
  /** The appId of the mini-program or official account that opened this one (`referrerInfo.appId`), if any. */
  referrerFrom?: string;
}

export interface EnterResult {
  user: UserProfile;
  /** This visit created the user. */
  isNew: boolean;
  /** The caller is in the `staff` collection. */
  isStaff: boolean;
}

export interface UpdateProfileInput {
  /** 1–20 characters after trimming. */
  nickname?: string;
  /** A `cloud://` file id from `wx.cloud.uploadFile`. */
  avatarFileId?: string;
}

export interface MeResult {
  /** null while the caller never entered (no user document). */
  user: UserProfile | null;
  isStaff: boolean;
}

export type UserActions = {
  /** Records a visit (scene + parameters) and creates or updates the caller's user (first/last touch). */
  'user.enter': ActionSpec<EnterInput, EnterResult>;
  /** Sets the caller's nickname and/or avatar (at least one). PRECONDITION_FAILED before user.enter. */
  'user.updateProfile': ActionSpec<UpdateProfileInput, UserProfile>;
  /** The caller's profile and role. */
  'user.me': ActionSpec<NoInput, MeResult>;
};
