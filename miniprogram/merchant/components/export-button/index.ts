// "Export CSV" of a report page: asks the `analytics` function to write the report (`request`, an ExportRequest) as
// CSV into cloud storage, then lets staff copy the download link (wx.setClipboardData) or send the file to a chat
// (wx.downloadFile + wx.shareFileMessage; wx.openDocument cannot open CSV), e.g. to open it in Excel on a computer.
import type { ExportRequest } from '../../../../typings/api/analytics';
import { userMessage } from '../../../services/cloud';
import { exportReport } from '../../services/analytics';

const ACTIONS = ['复制下载链接', '发送到聊天'] as const;

Component({
  properties: {
    request: { type: Object, value: null as unknown as Record<string, unknown> },
  },
  data: {
    busy: false,
    url: '',
    rows: -1,
  },
  methods: {
    async onExport() {
      const request = this.data.request as unknown as ExportRequest | null;
      if (!request || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const result = await exportReport(request);
        this.setData({ url: result.tempFileURL, rows: result.rows });
        const fileName = result.fileID.split('/').pop() || `${request.report}.csv`;
        wx.showActionSheet({
          itemList: [...ACTIONS],
          success: (res) => {
            if (res.tapIndex === 0) {
              wx.setClipboardData({ data: result.tempFileURL });
            } else {
              wx.downloadFile({
                url: result.tempFileURL,
                success: (file) => wx.shareFileMessage({ filePath: file.tempFilePath, fileName }),
                fail: () => wx.showToast({ title: '下载失败，请复制链接', icon: 'none' }),
              });
            }
          },
        });
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
