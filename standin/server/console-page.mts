// The management console's login page (/carbon/), small but recognisable.

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function consoleLoginPage(product: string, mgtHostName: string): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>WSO2 Management Console</title>
</head>
<body>
<!-- esbplay stand-in: not the real WSO2 management console -->
<div id="header"><h1>${escapeHtml(product)}</h1><p>Management Console on ${escapeHtml(mgtHostName)}</p></div>
<div id="login">
<h2>Sign-in</h2>
<form action="../admin/login_action.jsp" method="post" id="loginForm">
<label for="txtUserName">Username</label> <input type="text" id="txtUserName" name="username">
<label for="txtPassword">Password</label> <input type="password" id="txtPassword" name="password">
<input type="submit" value="Sign-in">
</form>
</div>
</body>
</html>
`;
}
