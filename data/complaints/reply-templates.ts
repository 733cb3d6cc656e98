/**
 * Reusable replies for the console (issue 13, point 3): the openings staff write again and again.
 * Staff finish each with what was found and done; a template alone is not an answer, so the
 * console adds it to the reply box rather than sending it. Defaults; a county's own are to come.
 */
export const REPLY_TEMPLATES: ReadonlyArray<{ id: string; label: string; text: string }> = [
  { id: 'verified-fixed', label: '已核实并纠正', text: '经核实，您反映的问题属实，已责成村里整改：' },
  { id: 'verified-none', label: '经核实情况不属实', text: '经核实，您反映的情况与实际不符，具体情况如下：' },
  { id: 'paid', label: '补贴已补发', text: '经核实，相关补贴已于　月　日补发到户，请注意查收。' },
  { id: 'publicised', label: '已补充公开', text: '村里已在村务公开栏和本平台补充公开了相关内容：' },
  { id: 'transferred', label: '已转有关部门', text: '您反映的问题不属于本单位职责，已转交有关部门办理：' },
];
